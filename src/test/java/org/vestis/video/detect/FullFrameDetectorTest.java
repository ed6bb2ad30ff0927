package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import static org.assertj.core.api.Assertions.assertThat;

class FullFrameDetectorTest extends DetectorContract {

    @Override
    protected Detector newDetector() {
        return new FullFrameDetector();
    }

    @Test
    void oneDetectionCoversTheWholeFrame() {
        try (Mat frame = TestImages.black(640, 480)) {
            assertThat(detector.detect(frame)).containsExactly(new Detection(new Box(0, 0, 640, 480), 1.0, "frame"));
        }
        try (Mat frame = TestImages.black(33, 17)) {
            assertThat(detector.detect(frame)).containsExactly(new Detection(new Box(0, 0, 33, 17), 1.0, "frame"));
        }
    }
}
