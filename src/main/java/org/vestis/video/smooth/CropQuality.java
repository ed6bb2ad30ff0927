package org.vestis.video.smooth;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;

import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;

/**
 * How much a crop is worth for classification, 0..1: detector confidence x sharpness (variance of the
 * Laplacian) x size (small crops carry little detail) x not cut by the frame edge. The factors follow the
 * surveillance-video literature the seed projects cite; their scales were chosen on the demo clips.
 */
public final class CropQuality {
    /** Laplacian variance at which sharpness counts one half. */
    private static final double SHARPNESS_HALF = 100;
    /** Crop area (pixels) at which size counts one half. */
    private static final double AREA_HALF = 64 * 64;
    private static final double EDGE_PENALTY = 0.5;

    private CropQuality() {
    }

    public static double of(double detectorScore, Mat grayCrop, Box box, int frameWidth, int frameHeight) {
        double sharpness = laplacianVariance(grayCrop);
        double sharp = sharpness / (sharpness + SHARPNESS_HALF);
        double size = box.area() / (box.area() + AREA_HALF);
        double edge = box.touchesEdge(frameWidth, frameHeight, 2) ? EDGE_PENALTY : 1;
        return detectorScore * sharp * size * edge;
    }

    static double laplacianVariance(Mat gray) {
        try (Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            // 16-bit results hold a 3x3 Laplacian of 8-bit pixels exactly (|value| <= 1020) and are about twice as
            // fast as 64-bit ones (0.09 against 0.16 ms on a 442x331 crop), with the same variance.
            Laplacian(gray, lap, CV_16S);
            meanStdDev(lap, mean, std);
            double s = std.ptr(0).getDouble();
            return s * s;
        }
    }
}
