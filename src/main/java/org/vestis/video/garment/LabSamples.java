package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.FloatBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * A bounded sample of a garment's pixels in CIELAB, so naming its colour costs the same for a 64x128 crop and a
 * full-resolution one. The crop is cut into square cells of side {@code stride}, chosen so that at most
 * {@code maxSamples} garment pixels are taken; each cell contributes one pixel at a position jittered by a fixed
 * hash (one row per row of cells, one column per cell), so stripes whose period matches the stride cannot alias
 * into a single colour, and the same input always gives the same sample. The sampled 8-bit sRGB values go through
 * OpenCV's {@code cvtColor(COLOR_BGR2Lab)} on 32-bit floats in 0..1, which applies the sRGB curve and D65 white and
 * returns real L* (0..100), a*, b*.
 */
final class LabSamples {
    /** Interleaved L*, a*, b* of the sampled pixels. */
    final float[] lab;
    /** How many pixels were sampled ({@code lab.length / 3}). */
    final int count;
    /** Garment pixels in the input (mask non-zero, or the whole crop without a mask). */
    final int garmentPixels;

    private LabSamples(float[] lab, int count, int garmentPixels) {
        this.lab = lab;
        this.count = count;
        this.garmentPixels = garmentPixels;
    }

    /**
     * Samples {@code bgr} (8-bit, 3 channels) where {@code mask} (8-bit, 1 channel, same size; null = everywhere) is
     * non-zero. An empty or missing image, or an empty (0x0) mask, gives an empty sample.
     *
     * @throws IllegalArgumentException for other pixel types or a mask of another size
     */
    static LabSamples of(Mat bgr, Mat mask, int maxSamples) {
        if (bgr == null || bgr.isNull() || bgr.empty() || (mask != null && (mask.isNull() || mask.empty()))) {
            return new LabSamples(new float[0], 0, 0);
        }
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("colour naming needs an 8-bit BGR image, got OpenCV type " + bgr.type());
        }
        int rows = bgr.rows();
        int cols = bgr.cols();
        if (mask != null && !(mask.type() == CV_8UC1 && mask.rows() == rows && mask.cols() == cols)) {
            throw new IllegalArgumentException("the garment mask must be 8-bit, one channel, " + cols + "x" + rows
                    + "; got type " + mask.type() + ", " + mask.cols() + "x" + mask.rows());
        }
        int garment = mask == null ? rows * cols : countNonZero(mask);
        if (garment == 0) {
            return new LabSamples(new float[0], 0, 0);
        }
        int stride = Math.max(1, (int) Math.ceil(Math.sqrt((double) garment / maxSamples)));
        int cellRows = (rows + stride - 1) / stride;
        int cellCols = (cols + stride - 1) / stride;
        float[] bgrFloats = new float[3 * Math.min(garment, cellRows * cellCols)];
        byte[] pixelRow = new byte[3 * cols];
        byte[] maskRow = mask == null ? null : new byte[cols];
        int n = 0;
        for (int cr = 0; cr < cellRows; cr++) {
            int r = Math.min(rows - 1, cr * stride + jitter(cr, -1, stride));
            bgr.ptr(r).get(pixelRow, 0, 3 * cols);
            if (maskRow != null) {
                mask.ptr(r).get(maskRow, 0, cols);
            }
            for (int cc = 0; cc < cellCols; cc++) {
                int c = Math.min(cols - 1, cc * stride + jitter(cr, cc, stride));
                if ((maskRow != null && maskRow[c] == 0) || 3 * n >= bgrFloats.length) {
                    continue;
                }
                bgrFloats[3 * n] = (pixelRow[3 * c] & 0xff) / 255f;
                bgrFloats[3 * n + 1] = (pixelRow[3 * c + 1] & 0xff) / 255f;
                bgrFloats[3 * n + 2] = (pixelRow[3 * c + 2] & 0xff) / 255f;
                n++;
            }
        }
        return new LabSamples(toLab(bgrFloats, n), n, garment);
    }

    private static float[] toLab(float[] bgrFloats, int n) {
        float[] lab = new float[3 * n];
        if (n == 0) {
            return lab;
        }
        try (Mat src = new Mat(1, n, CV_32FC3); Mat dst = new Mat()) {
            ((FloatBuffer) src.createBuffer()).put(bgrFloats, 0, 3 * n);
            cvtColor(src, dst, COLOR_BGR2Lab);
            ((FloatBuffer) dst.createBuffer()).get(lab, 0, 3 * n);
        }
        return lab;
    }

    /** A fixed pseudo-random offset in [0, stride) for a cell (a row of cells when {@code cellCol} is -1). */
    static int jitter(int cellRow, int cellCol, int stride) {
        if (stride == 1) {
            return 0;
        }
        int h = cellRow * 0x9E3779B1 + cellCol * 0x85EBCA77;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        return Math.floorMod(h, stride);
    }
}
