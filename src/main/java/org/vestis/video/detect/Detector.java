package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Detection;

import java.util.List;

/** Finds people or garments in a BGR frame. Implementations may keep state between frames (e.g. motion). */
public interface Detector extends AutoCloseable {

    List<Detection> detect(Mat bgrFrame);

    @Override
    void close();
}
