package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.vestis.video.Detection;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
        disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with pretrained/ and people/) to run the DNN detectors")
class YoloPersonDetectorTest extends DetectorContract {

    static YoloPersonDetector body() {
        Path dir = TestImages.pretrained().resolve("yolo-fastest-1.1_body");
        return new YoloPersonDetector(dir.resolve("yolo-fastest-1.1_body.cfg"), dir.resolve("yolo-fastest-1.1_body.weights"),
                YoloPersonDetector.DEFAULT_CONFIDENCE);
    }

    static YoloPersonDetector coco() {
        Path dir = TestImages.pretrained().resolve("yolo-fastest-1.1_coco");
        return new YoloPersonDetector(dir.resolve("yolo-fastest-1.1.cfg"), dir.resolve("yolo-fastest-1.1.weights"),
                YoloPersonDetector.DEFAULT_CONFIDENCE);
    }

    @Override
    protected Detector newDetector() {
        return body();
    }

    @Test
    void findsTheWalkingPersonInMostFixtureFrames() throws Exception {
        List<Mat> frames = TestImages.fixtureFrames();
        try (YoloPersonDetector coco = coco()) {
            int body = 0, cocoHits = 0;
            for (Mat frame : frames) {
                if (hasPerson(detector.detect(frame))) {
                    body++;
                }
                if (hasPerson(coco.detect(frame))) {
                    cocoHits++;
                }
            }
            // Measured: both models find her in all 30 frames; leave room for other OpenCV builds.
            assertThat(body).as("frames (of %d) where the body model finds a person", frames.size()).isGreaterThanOrEqualTo(24);
            assertThat(cocoHits).as("frames (of %d) where the COCO model finds a person", frames.size()).isGreaterThanOrEqualTo(24);
        } finally {
            TestImages.closeAll(frames);
        }
    }

    @Test
    void findsGraceHopperWithBothModels() {
        try (Mat photo = TestImages.photo("grace_hopper.bmp"); YoloPersonDetector coco = coco()) {
            for (Detector d : List.of(detector, coco)) {
                List<Detection> people = d.detect(photo);
                assertValid(people, photo.cols(), photo.rows());
                // The portrait fills the picture: the best box holds its centre and much of its area.
                Detection best = people.stream().max(java.util.Comparator.comparingDouble(Detection::score)).orElseThrow();
                assertThat(best.kind()).isEqualTo("person");
                assertThat(best.score()).isGreaterThan(0.5);
                assertThat(best.box().x()).isLessThan(photo.cols() / 2.0);
                assertThat(best.box().right()).isGreaterThan(photo.cols() / 2.0);
                assertThat(best.box().area()).isGreaterThan(0.25 * photo.cols() * photo.rows());
            }
        }
    }

    @Test
    void aHigherThresholdKeepsFewerBoxes() {
        Path dir = TestImages.pretrained().resolve("yolo-fastest-1.1_body");
        try (Mat photo = TestImages.photo("grace_hopper.bmp");
             YoloPersonDetector strict = new YoloPersonDetector(dir.resolve("yolo-fastest-1.1_body.cfg"),
                     dir.resolve("yolo-fastest-1.1_body.weights"), 0.99)) {
            List<Detection> loose = detector.detect(photo);
            List<Detection> tight = strict.detect(photo);
            assertThat(tight.size()).isLessThanOrEqualTo(loose.size());
            assertThat(tight).allSatisfy(d -> assertThat(d.score()).isGreaterThanOrEqualTo(0.99));
        }
    }

    private static boolean hasPerson(List<Detection> detections) {
        return detections.stream().anyMatch(d -> d.kind().equals("person") && d.score() >= 0.5);
    }
}
