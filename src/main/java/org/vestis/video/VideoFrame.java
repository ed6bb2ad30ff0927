package org.vestis.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame: its index in the source (0-based, counting skipped frames too), its time in seconds,
 * and the pixels as an OpenCV BGR {@link Mat} that this frame owns; closing the frame releases them.
 */
public record VideoFrame(long index, double timestampSeconds, Mat image) implements AutoCloseable {

    public int width() {
        return image.cols();
    }

    public int height() {
        return image.rows();
    }

    @Override
    public void close() {
        image.close();
    }
}
