package org.vestis.video.track;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.video.Box;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * What a person's clothes look like, cheaply: colour histograms of the upper and the lower body, to tell apart
 * people walking side by side whose boxes overlap (a swap there is an ID switch) and to recognise a person
 * coming back after being hidden. Each half is a histogram of 8 hues for coloured pixels plus 4 grey levels for
 * pixels with little saturation (black, grey and white clothing), normalised to sum 1. The box is shrunk to its
 * inner part first, which holds more of the person than of the background, and sampled at 16x32 pixels.
 */
public final class ColourSignature {
    static final int HUES = 8;
    static final int GREYS = 4;
    static final int BINS_PER_HALF = HUES + GREYS;
    /** Saturation (0..255) below which a pixel counts as grey; value below which it counts as black. */
    private static final int GREY_SATURATION = 60;
    private static final int SAMPLE_WIDTH = 16;
    private static final int SAMPLE_HEIGHT = 32;

    private ColourSignature() {
    }

    /** The signature of the person in {@code box} of a BGR frame, or null when the box holds too few pixels. */
    public static float[] of(Mat bgrFrame, Box box) {
        Box inner = new Box(box.x() + 0.2 * box.width(), box.y() + 0.15 * box.height(), 0.6 * box.width(), 0.75 * box.height())
                .clip(bgrFrame.cols(), bgrFrame.rows());
        if (inner.width() < 4 || inner.height() < 8) {
            return null;
        }
        float[] signature = new float[2 * BINS_PER_HALF];
        try (Rect r = new Rect((int) inner.x(), (int) inner.y(), (int) inner.width(), (int) inner.height());
             Mat crop = bgrFrame.apply(r); Mat small = new Mat(); Mat hsv = new Mat();
             Size size = new Size(SAMPLE_WIDTH, SAMPLE_HEIGHT)) {
            resize(crop, small, size, 0, 0, INTER_AREA);
            cvtColor(small, hsv, COLOR_BGR2HSV);
            try (UByteIndexer px = hsv.createIndexer()) {
                for (int y = 0; y < SAMPLE_HEIGHT; y++) {
                    int half = y < SAMPLE_HEIGHT / 2 ? 0 : BINS_PER_HALF;
                    for (int x = 0; x < SAMPLE_WIDTH; x++) {
                        int hue = px.get(y, x, 0);       // 0..179 in OpenCV
                        int saturation = px.get(y, x, 1);
                        int value = px.get(y, x, 2);
                        int bin = saturation < GREY_SATURATION || value < 40
                                ? HUES + Math.min(GREYS - 1, value * GREYS / 256)
                                : Math.min(HUES - 1, ((hue + 180 / HUES / 2) % 180) * HUES / 180);
                        signature[half + bin]++;
                    }
                }
            }
        }
        float perHalf = SAMPLE_WIDTH * SAMPLE_HEIGHT / 2f;
        for (int i = 0; i < signature.length; i++) {
            signature[i] /= perHalf;
        }
        return signature;
    }

    /**
     * How different two signatures are, 0 (the same) to 1 (nothing in common): the Hellinger distance of each half,
     * averaged. Null (no signature) counts as unknown: 0, so appearance then never vetoes a match.
     */
    public static double distance(float[] a, float[] b) {
        if (a == null || b == null) {
            return 0;
        }
        double total = 0;
        for (int half = 0; half < 2; half++) {
            double overlap = 0;
            for (int i = half * BINS_PER_HALF; i < (half + 1) * BINS_PER_HALF; i++) {
                overlap += Math.sqrt(a[i] * b[i]);
            }
            total += Math.sqrt(Math.max(0, 1 - overlap));
        }
        return total / 2;
    }

    /** {@code old} moved towards {@code next} by {@code rate} (0..1), the running appearance of a track. */
    static float[] blend(float[] old, float[] next, double rate) {
        if (old == null) {
            return next;
        }
        if (next == null) {
            return old;
        }
        float[] out = new float[old.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((1 - rate) * old[i] + rate * next[i]);
        }
        return out;
    }
}
