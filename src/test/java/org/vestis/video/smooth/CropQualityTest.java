package org.vestis.video.smooth;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;

class CropQualityTest {

    @Test
    void sharpnessIsTheVarianceOfTheLaplacianAsDoublePrecisionGivesIt() {
        Random random = new Random(4);
        try (Mat noisy = new Mat(97, 131, CV_8UC1); UByteIndexer idx = noisy.createIndexer()) {
            for (int y = 0; y < noisy.rows(); y++) {
                for (int x = 0; x < noisy.cols(); x++) {
                    idx.put(y, x, random.nextBoolean() ? 255 : random.nextInt(256)); // extremes: |Laplacian| up to 1020
                }
            }
            assertThat(CropQuality.laplacianVariance(noisy)).isCloseTo(doublePrecisionVariance(noisy), within(1e-9));
        }
    }

    @Test
    void aSharpCropIsWorthMoreThanAFlatOneAndACropAtTheFrameEdgeLess() {
        try (Mat flat = new Mat(60, 40, CV_8UC1); Mat stripes = new Mat(60, 40, CV_8UC1); UByteIndexer f = flat.createIndexer();
             UByteIndexer s = stripes.createIndexer()) {
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 40; x++) {
                    f.put(y, x, 120);
                    s.put(y, x, x % 2 == 0 ? 30 : 220);
                }
            }
            Box inside = new Box(100, 100, 40, 60);
            Box atEdge = new Box(0, 100, 40, 60);
            assertThat(CropQuality.of(0.9, stripes, inside, 640, 480)).isGreaterThan(CropQuality.of(0.9, flat, inside, 640, 480));
            assertThat(CropQuality.of(0.9, stripes, atEdge, 640, 480)).isLessThan(CropQuality.of(0.9, stripes, inside, 640, 480));
        }
    }

    private static double doublePrecisionVariance(Mat gray) {
        try (Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            Laplacian(gray, lap, CV_64F);
            meanStdDev(lap, mean, std);
            double s = std.ptr(0).getDouble();
            return s * s;
        }
    }
}
