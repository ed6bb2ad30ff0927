package org.vestis.video.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorsTest {
    @TempDir
    Path tmp;

    /** Settings that can never download: anything not on disk fails fast. */
    private DetectorSettings offline(String envDir) throws IOException {
        return DetectorSettings.defaults().withModels(new ModelFiles(envDir, tmp.resolve("cache"), ModelServer.unreachableUrl()));
    }

    @Test
    void createsTheModelFreeDetectorsByName() throws IOException {
        DetectorSettings settings = offline(null);
        try (Detector full = Detectors.create("full-frame", settings);
             Detector center = Detectors.create("center", settings.withCenterFraction(0.5));
             Detector hog = Detectors.create("hog", settings);
             Detector motion = Detectors.create(" motion ", settings)) {
            assertThat(full).isInstanceOf(FullFrameDetector.class);
            assertThat(center).isInstanceOf(CenterDetector.class);
            assertThat(hog).isInstanceOf(HogPeopleDetector.class);
            assertThat(motion).isInstanceOf(MotionDetector.class);
        }
    }

    @Test
    void unknownNameListsTheValidOnes() throws IOException {
        DetectorSettings settings = offline(null);
        assertThatThrownBy(() -> Detectors.create("yolo", settings))
                .isInstanceOf(UserException.class)
                .hasMessage("Unknown detector \"yolo\"; choose one of full-frame, center, person, face-torso, hog, motion.");
        assertThatThrownBy(() -> Detectors.create(null, settings)).isInstanceOf(UserException.class);
    }

    @Test
    void settingsOutOfRangeAreUserErrors() {
        DetectorSettings d = DetectorSettings.defaults();
        assertThatThrownBy(() -> d.withConfidence(1.5)).isInstanceOf(UserException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> d.withConfidence(Double.NaN)).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> d.withCenterFraction(0)).isInstanceOf(UserException.class).hasMessageContaining("fraction");
        assertThatThrownBy(() -> d.withMinMotionArea(1)).isInstanceOf(UserException.class).hasMessageContaining("minimum area");
        assertThat(d.confidenceOr(0.5)).isEqualTo(0.5);
        assertThat(d.withConfidence(0.7).confidenceOr(0.5)).isEqualTo(0.7);
    }

    @Test
    void explicitModelPathThatDoesNotExistIsAUserError() throws IOException {
        Path missing = tmp.resolve("mine/yolo.weights");
        assertThatThrownBy(() -> Detectors.create("person", offline(null).withModelPath(missing)))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(tmp.resolve("mine/yolo.cfg").toString());
        assertThatThrownBy(() -> Detectors.create("face-torso", offline(null).withModelPath(tmp.resolve("face.onnx"))))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(tmp.resolve("face.onnx").toString());
    }

    @Test
    void damagedModelFileIsAUserError() throws IOException {
        Path junk = java.nio.file.Files.writeString(tmp.resolve("junk.onnx"), "not a model");
        assertThatThrownBy(() -> Detectors.create("face-torso", offline(null).withModelPath(junk)))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(junk.toString());
        Path weights = java.nio.file.Files.writeString(tmp.resolve("junk.weights"), "not weights");
        java.nio.file.Files.writeString(tmp.resolve("junk.cfg"), "[net]\nnot a cfg\n");
        assertThatThrownBy(() -> Detectors.create("person", offline(null).withModelPath(weights)))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(weights.toString());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with pretrained/) to load the real models")
    void createsTheDnnDetectorsFromAModelsDirectory() throws IOException {
        DetectorSettings settings = offline(TestImages.pretrained().toString()); // as VESTIS_MODELS would
        try (Detector body = Detectors.create("person", settings);
             Detector coco = Detectors.create("person", settings.withCocoModel(true));
             Detector faces = Detectors.create("face-torso", settings);
             Detector explicit = Detectors.create("person", settings.withModelPath(
                     TestImages.pretrained().resolve("yolo-fastest-1.1_body/yolo-fastest-1.1_body.weights")))) {
            assertThat(body).isInstanceOf(YoloPersonDetector.class);
            assertThat(coco).isInstanceOf(YoloPersonDetector.class);
            assertThat(faces).isInstanceOf(FaceTorsoDetector.class);
            assertThat(explicit).isInstanceOf(YoloPersonDetector.class);
        }
    }
}
