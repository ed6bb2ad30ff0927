package org.vestis.video;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame: its index in the source (0-based, counting skipped frames too), its time in seconds,
 * the pixels as an OpenCV BGR {@link Mat} that this frame owns (closing the frame releases them), and for an image
 * folder the image's file name ({@code file}; null for video).
 */
public record VideoFrame(long index, double timestampSeconds, Mat image, String file) implements AutoCloseable {

    public VideoFrame(long index, double timestampSeconds, Mat image) {
        this(index, timestampSeconds, image, null);
    }

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
