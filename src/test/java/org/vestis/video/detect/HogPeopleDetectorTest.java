package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HogPeopleDetectorTest extends DetectorContract {
    /**
     * Where the woman stands throughout the fixture clip (she turns at a table but hardly moves): the box YOLO-Fastest
     * body reports in every frame with score 0.99, give or take 3 px.
     */
    static final Box WOMAN = new Box(322, 8, 107, 322);

    @Override
    protected Detector newDetector() {
        return new HogPeopleDetector();
    }

    @Test
    void findsTheWomanInTheFixtureClip() {
        int found = 0;
        for (Mat frame : fixture()) {
            List<Detection> people = detector.detect(frame);
            assertValid(people, frame.cols(), frame.rows());
            if (people.stream().anyMatch(d -> d.kind().equals("person") && d.box().iou(WOMAN) > 0.4)) {
                found++;
            }
        }
        // Measured: 10 of 10 (she fills 90 % of the frame height, which HOG sees only thanks to the added border).
        assertThat(found).as("frames (of %d) with a person box on the woman", fixture().size()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void blackFrameHasNobody() {
        try (Mat black = TestImages.black(640, 480)) {
            assertThat(detector.detect(black)).isEmpty();
        }
    }

    @Test
    void svmMarginsAreSquashedMonotonicallyIntoZeroToOne() {
        assertThat(HogPeopleDetector.squash(-1)).isZero();
        assertThat(HogPeopleDetector.squash(0)).isZero();
        assertThat(HogPeopleDetector.squash(0.5)).isBetween(0.3, 0.5);
        assertThat(HogPeopleDetector.squash(1)).isGreaterThan(HogPeopleDetector.squash(0.5));
        assertThat(HogPeopleDetector.squash(100)).isLessThanOrEqualTo(1.0);
    }
}
