package org.vestis.video.detect;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract for the COCO variant (class 0 = person). */
@EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
        disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with pretrained/ and people/) to run the DNN detectors")
class YoloCocoPersonDetectorTest extends DetectorContract {

    @Override
    protected Detector newDetector() {
        return YoloPersonDetectorTest.coco();
    }
}
