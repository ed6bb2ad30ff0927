package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

/** The whole frame as one detection: for product photos and close-ups where the garment fills the picture. */
public final class FullFrameDetector implements Detector {
    public static final String NAME = "full-frame";
    public static final String KIND = "frame";

    private boolean closed;

    @Override
    public List<Detection> detect(Mat bgrFrame) {
        Frames.requireOpen(closed, NAME);
        if (Frames.isEmpty(bgrFrame)) {
            return List.of();
        }
        return List.of(new Detection(new Box(0, 0, bgrFrame.cols(), bgrFrame.rows()), 1.0, KIND));
    }


    @Override
    public void close() {
        closed = true;
    }
}
