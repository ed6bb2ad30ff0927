package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CenterDetectorTest extends DetectorContract {

    @Override
    protected Detector newDetector() {
        return new CenterDetector();
    }

    @Test
    void defaultBoxIsTheCentralSixtyPercent() {
        try (Mat frame = TestImages.black(640, 480)) {
            assertThat(detector.detect(frame)).containsExactly(new Detection(new Box(128, 96, 384, 288), 1.0, "garment"));
        }
    }

    @Test
    void fractionIsConfigurable() {
        try (CenterDetector half = new CenterDetector(0.5);
             CenterDetector whole = new CenterDetector(1.0);
             Mat frame = TestImages.black(301, 199)) {
            Box b = half.detect(frame).get(0).box();
            assertThat(b.width()).isCloseTo(150.5, within(1e-9));
            assertThat(b.height()).isCloseTo(99.5, within(1e-9));
            assertThat(b.centerX()).isCloseTo(150.5, within(1e-9));
            assertThat(b.centerY()).isCloseTo(99.5, within(1e-9));
            assertThat(whole.detect(frame).get(0).box()).isEqualTo(new Box(0, 0, 301, 199));
        }
    }

    @Test
    void fractionOutsideZeroToOneIsRefused() {
        for (double bad : new double[] {0, -0.2, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> new CenterDetector(bad)).isInstanceOf(UserException.class).hasMessageContaining("fraction");
        }
    }
}
