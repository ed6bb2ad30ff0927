package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.video.Box;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * A frame shrunk to at most a given width (or the frame itself when it is small enough), and the way back:
 * detectors whose cost grows with the pixel count work on the small copy and report boxes in frame pixels.
 */
final class ScaledFrame implements AutoCloseable {
    private final Mat image;
    private final boolean owned;
    private final double scale;
    private final int frameWidth;
    private final int frameHeight;

    private ScaledFrame(Mat image, boolean owned, double scale, int frameWidth, int frameHeight) {
        this.image = image;
        this.owned = owned;
        this.scale = scale;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
    }

    static ScaledFrame ofMaxWidth(Mat frame, int maxWidth) {
        int w = frame.cols(), h = frame.rows();
        if (w <= maxWidth) {
            return new ScaledFrame(frame, false, 1.0, w, h);
        }
        double scale = maxWidth / (double) w;
        Mat small = new Mat();
        try (Size size = new Size(maxWidth, Math.max(1, (int) Math.round(h * scale)))) {
            resize(frame, small, size, 0, 0, INTER_AREA); // INTER_AREA: no aliasing when shrinking
        }
        return new ScaledFrame(small, true, scale, w, h);
    }

    Mat image() {
        return image;
    }

    /** A box given in the small image's pixels, in frame pixels and clipped to the frame. */
    Box toFrame(double x, double y, double width, double height) {
        return new Box(x / scale, y / scale, width / scale, height / scale).clip(frameWidth, frameHeight);
    }

    Box toFrame(Rect r) {
        return toFrame(r.x(), r.y(), r.width(), r.height());
    }

    @Override
    public void close() {
        if (owned) {
            image.close();
        }
    }
}
