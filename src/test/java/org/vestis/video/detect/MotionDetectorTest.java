package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

class MotionDetectorTest extends DetectorContract {
    private static final int W = 640;
    private static final int H = 480;

    @Override
    protected Detector newDetector() {
        return new MotionDetector();
    }

    /** A textured, static background, like a room: random blotches, smoothly interpolated. */
    private static Mat background() {
        Random random = new Random(7);
        byte[] coarse = new byte[16 * 12 * 3];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = (byte) (40 + random.nextInt(170));
        }
        Mat bg = new Mat();
        try (Mat small = new Mat(12, 16, CV_8UC3); Size size = new Size(W, H)) {
            small.data().put(coarse);
            resize(small, bg, size, 0, 0, INTER_CUBIC);
        }
        return bg;
    }

    /** {@code frame} with sensor noise (Gaussian, sigma 2 grey levels), as a real still camera gives. */
    private static Mat noisy(Mat frame, Random random) {
        byte[] px = new byte[(int) (frame.total() * frame.elemSize())];
        frame.data().get(px);
        for (int i = 0; i < px.length; i++) {
            int v = (px[i] & 0xff) + (int) Math.round(random.nextGaussian() * 2);
            px[i] = (byte) Math.max(0, Math.min(255, v));
        }
        Mat out = new Mat(frame.rows(), frame.cols(), frame.type());
        out.data().put(px);
        return out;
    }

    /** The background with a solid "garment" at (x, y). */
    private static Mat withRectangle(Mat bg, int x, int y, int w, int h) {
        Mat frame = bg.clone();
        try (Point a = new Point(x, y); Point b = new Point(x + w - 1, y + h - 1); Scalar red = new Scalar(30, 30, 220, 0)) {
            rectangle(frame, a, b, red, FILLED, 8, 0);
        }
        return frame;
    }

    @Test
    void findsARectangleMovingOverAStillBackground() {
        int w = 120, h = 160, y = 150;
        int found = 0;
        try (Mat bg = background()) {
            for (int i = 0; i < 5; i++) { // the camera sees the empty scene first
                assertThat(detector.detect(bg)).isEmpty();
            }
            for (int step = 0; step < 12; step++) {
                int x = 60 + step * 30;
                try (Mat frame = withRectangle(bg, x, y, w, h)) {
                    List<Detection> found0 = detector.detect(frame);
                    assertValid(found0, W, H);
                    if (step < 2) {
                        continue; // the first moves may still blur with the learning background
                    }
                    Box truth = new Box(x, y, w, h);
                    assertThat(found0).as("step %d", step).anySatisfy(d -> {
                        assertThat(d.box().iou(truth)).isGreaterThan(0.6);
                        assertThat(d.kind()).isEqualTo("garment");
                        assertThat(d.score()).isGreaterThan(0.5);
                    });
                    found++;
                }
            }
        }
        assertThat(found).isEqualTo(10);
    }

    @Test
    void aStaticSceneGivesNothing() {
        Random random = new Random(11);
        try (Mat bg = background(); Mat still = withRectangle(bg, 200, 100, 150, 200)) {
            for (int i = 0; i < 30; i++) {
                try (Mat frame = noisy(still, random)) {
                    assertThat(detector.detect(frame)).as("frame %d", i).isEmpty();
                }
            }
        }
    }

    @Test
    void aGarmentHeldStillStaysFoundForAWhile() {
        try (Mat bg = background(); Mat held = withRectangle(bg, 250, 120, 140, 200)) {
            detector.detect(bg);
            for (int i = 0; i < 20; i++) {
                assertThat(detector.detect(held)).as("frame %d", i).singleElement()
                        .satisfies(d -> assertThat(d.box().iou(new Box(250, 120, 140, 200))).isGreaterThan(0.8));
            }
        }
    }

    @Test
    void aSuddenChangeOfTheWholeSceneIsLearnedNotReported() {
        try (Mat bg = background(); Mat brighter = new Mat()) {
            bg.convertTo(brighter, -1, 1.0, 60); // the lights go on
            detector.detect(bg);
            detector.detect(bg);
            assertThat(detector.detect(brighter)).isEmpty();
            assertThat(detector.detect(brighter)).isEmpty(); // already the new background
        }
    }

    @Test
    void smallMovementsAreIgnored() {
        try (Mat bg = background()) {
            detector.detect(bg);
            for (int step = 0; step < 5; step++) {
                try (Mat frame = withRectangle(bg, 100 + 20 * step, 100, 20, 20)) { // 0.13 % of the frame
                    assertThat(detector.detect(frame)).isEmpty();
                }
            }
        }
    }
}
