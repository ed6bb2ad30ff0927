package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.transpose;

/**
 * What every {@link Detector} promises, run against each implementation (BoofCV style): subclasses only say how
 * to make one. Detections lie inside the frame, scores are 0..1, the kind is set; black, empty and oddly sized
 * frames are handled; the frame is left untouched; closing twice is harmless and a closed detector refuses work.
 */
abstract class DetectorContract {
    /** Every third frame of the committed walking clip, shared by the tests of one subclass. */
    private static List<Mat> fixture;

    protected Detector detector;

    protected abstract Detector newDetector();

    @BeforeAll
    static void loadFixture() throws Exception {
        List<Mat> all = TestImages.fixtureFrames();
        fixture = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 3 == 0) {
                fixture.add(all.get(i));
            } else {
                all.get(i).close();
            }
        }
    }

    @AfterAll
    static void releaseFixture() {
        TestImages.closeAll(fixture);
        fixture = null;
    }

    @BeforeEach
    void open() {
        detector = newDetector();
    }

    @AfterEach
    void closeDetector() {
        detector.close();
    }

    protected static List<Mat> fixture() {
        return fixture;
    }

    /** The checks every detection of every detector must pass, on a frame of the given size. */
    static void assertValid(List<Detection> detections, int width, int height) {
        assertThat(detections).isNotNull();
        for (Detection d : detections) {
            Box b = d.box();
            assertThat(b.x()).as("left of %s", d).isGreaterThanOrEqualTo(0);
            assertThat(b.y()).as("top of %s", d).isGreaterThanOrEqualTo(0);
            assertThat(b.right()).as("right of %s", d).isLessThanOrEqualTo(width);
            assertThat(b.bottom()).as("bottom of %s", d).isLessThanOrEqualTo(height);
            assertThat(b.width()).as("width of %s", d).isPositive();
            assertThat(b.height()).as("height of %s", d).isPositive();
            assertThat(d.score()).as("score of %s", d).isBetween(0.0, 1.0);
            assertThat(d.kind()).as("kind of %s", d).isNotBlank();
        }
    }

    @Test
    void realFramesGiveValidDetections() {
        for (Mat frame : fixture) {
            assertValid(detector.detect(frame), frame.cols(), frame.rows());
        }
    }

    @Test
    void blackFramesAreHandled() {
        try (Mat black = TestImages.black(640, 480)) {
            for (int i = 0; i < 3; i++) { // several, for detectors that learn from a sequence
                assertValid(detector.detect(black), 640, 480);
            }
        }
    }

    @Test
    void emptyMatGivesNoDetections() {
        try (Mat empty = new Mat()) {
            assertThat(detector.detect(empty)).isEmpty();
        }
    }

    @Test
    void framesOfOtherSizesAreHandled() {
        Mat source = fixture.get(fixture.size() / 2);
        try (Rect region = new Rect(150, 40, 333, 211);
             Mat cropped = source.apply(region).clone(); // odd width and height
             Mat portrait = new Mat();
             Mat tiny = TestImages.black(40, 30)) {
            transpose(source, portrait);
            for (Mat frame : List.of(source, cropped, portrait, tiny, source)) {
                assertValid(detector.detect(frame), frame.cols(), frame.rows());
            }
        }
    }

    @Test
    void leavesTheFrameUntouched() {
        Mat frame = fixture.get(0);
        try (Mat before = frame.clone()) {
            detector.detect(frame);
            detector.detect(frame);
            assertThat(bytes(frame)).isEqualTo(bytes(before));
        }
    }

    @Test
    void closeIsIdempotentAndAClosedDetectorRefusesWork() {
        detector.close();
        detector.close();
        try (Mat frame = TestImages.black(64, 64)) {
            assertThatThrownBy(() -> detector.detect(frame)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static byte[] bytes(Mat m) {
        byte[] b = new byte[(int) (m.total() * m.elemSize())];
        m.data().get(b);
        return b;
    }
}
