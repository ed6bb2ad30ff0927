package org.vestis.video.pipeline;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.Detection;
import org.vestis.video.VideoFrame;
import org.vestis.video.detect.CenterDetector;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.DetectorSettings;
import org.vestis.video.detect.FaceTorsoDetector;
import org.vestis.video.detect.FullFrameDetector;
import org.vestis.video.detect.HogPeopleDetector;
import org.vestis.video.detect.MotionDetector;
import org.vestis.video.detect.YoloPersonDetector;
import org.vestis.video.source.VideoFileSource;
import org.vestis.video.track.ByteTracker;
import org.vestis.video.track.ByteTrackerSettings;
import org.vestis.video.track.IouTracker;
import org.vestis.video.track.IouTrackerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** The factory builds what a YAML pipeline section says: each detector kind with its settings, the tracker, the smoothing. */
class PipelineFactoryTest {
    @TempDir
    Path tmp;

    private PipelineConfig yaml(String... pipelineLines) throws IOException {
        Path file = tmp.resolve("run.yaml");
        Files.writeString(file, "pipeline:\n" + String.join("\n", List.of(pipelineLines).stream().map(l -> "  " + l).toList()) + "\n");
        PipelineConfig c = ConfigLoader.load(file).pipeline;
        c.validate(file.toString());
        return c;
    }

    @Test
    void everyDetectorSettingIsReadFromYaml() throws IOException {
        PipelineSpec spec = yaml("detector: person", "detector-file: mine/yolo.weights", "coco-model: true",
                "detector-size: 256", "detector-nms: 0.3", "center-fraction: 0.5", "min-motion-area: 0.05", "min-score: 0.7",
                "tracker: byte", "low-score: 0.2").spec();
        DetectorSettings d = spec.detectorSettings();
        assertThat(spec.detector()).isEqualTo("person");
        assertThat(d.modelPath()).isEqualTo(Path.of("mine/yolo.weights"));
        assertThat(d.cocoModel()).isTrue();
        assertThat(d.personInputSize()).isEqualTo(256);
        assertThat(d.personNmsIou()).isEqualTo(0.3);
        assertThat(d.centerFraction()).isEqualTo(0.5);
        assertThat(d.minMotionArea()).isEqualTo(0.05);
        assertThat(d.confidence()).as("the byte tracker wants weak detections down to low-score").isEqualTo(0.2);
    }

    @Test
    void unsetDetectorSettingsKeepTheDetectorsDefaults() throws IOException {
        DetectorSettings d = yaml("detector: center").spec().detectorSettings();
        DetectorSettings defaults = DetectorSettings.defaults();
        assertThat(d.centerFraction()).isEqualTo(defaults.centerFraction());
        assertThat(d.minMotionArea()).isEqualTo(defaults.minMotionArea());
        assertThat(d.modelPath()).isNull();
        assertThat(d.cocoModel()).isFalse();
    }

    @Test
    void buildsTheModelFreeDetectorsWithTheirSettings() throws IOException {
        try (Detector full = new PipelineFactory(yaml("detector: full-frame").spec()).newDetector();
             Detector hog = new PipelineFactory(yaml("detector: hog", "min-score: 0.4").spec()).newDetector();
             Detector motion = new PipelineFactory(yaml("detector: motion", "min-motion-area: 0.2").spec()).newDetector();
             Detector center = new PipelineFactory(yaml("detector: center", "center-fraction: 0.5").spec()).newDetector();
             Mat frame = new Mat(80, 100, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            assertThat(full).isInstanceOf(FullFrameDetector.class);
            assertThat(hog).isInstanceOf(HogPeopleDetector.class);
            assertThat(motion).isInstanceOf(MotionDetector.class);
            assertThat(center).isInstanceOf(CenterDetector.class);
            List<Detection> box = center.detect(frame);
            assertThat(box).hasSize(1);
            assertThat(box.get(0).box().width()).as("center-fraction 0.5 of 100 pixels").isEqualTo(50, org.assertj.core.data.Offset.offset(1.0));
            assertThat(box.get(0).box().height()).as("center-fraction 0.5 of 80 pixels").isEqualTo(40, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void anExplicitDetectorFileFromYamlIsTheOneLookedFor() throws IOException {
        Path missing = tmp.resolve("mine/yolo.weights");
        PipelineFactory person = new PipelineFactory(yaml("detector: person", "detector-file: " + missing).spec());
        assertThatThrownBy(person::newDetector).isInstanceOf(UserException.class).hasMessageContaining(tmp.resolve("mine/yolo.cfg").toString());
        Path face = tmp.resolve("face.onnx");
        PipelineFactory faceTorso = new PipelineFactory(yaml("detector: face-torso", "detector-file: " + face).spec());
        assertThatThrownBy(faceTorso::newDetector).isInstanceOf(UserException.class).hasMessageContaining(face.toString());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+", disabledReason = "needs the detector models (VESTIS_TEST_DATA/pretrained)")
    void buildsTheNetworkDetectorsFromTheirModelFiles() throws IOException {
        String models = "detector-models: " + pretrained();
        try (Detector person = new PipelineFactory(yaml("detector: person", models, "detector-size: 256", "detector-nms: 0.3").spec()).newDetector();
             Detector coco = new PipelineFactory(yaml("detector: person", models, "coco-model: true").spec()).newDetector();
             Detector face = new PipelineFactory(yaml("detector: face-torso", models, "min-score: 0.8").spec()).newDetector()) {
            assertThat(person).isInstanceOf(YoloPersonDetector.class);
            assertThat(coco).isInstanceOf(YoloPersonDetector.class);
            assertThat(face).isInstanceOf(FaceTorsoDetector.class);
        }
    }

    @Test
    void theConfidentScoreIsMinScoreOrTheDetectorsOwnWhateverTheByteTrackerReportsFrom() throws IOException {
        assertThat(yaml("detector: hog").spec().confidentScore()).isEqualTo(HogPeopleDetector.DEFAULT_CONFIDENCE);
        PipelineSpec spec = yaml("detector: person", "min-score: 0.7", "low-score: 0.2").spec();
        assertThat(spec.confidentScore()).isEqualTo(0.7);
        assertThat(spec.detectorSettings().confidence()).as("the tracked detector reports down to low-score").isEqualTo(0.2);
        assertThat(spec.withDetector("hog").confidentScore()).as("the same thresholds for another detector").isEqualTo(0.7);
        assertThat(yaml("tracker: iou").spec().confidentScore()).isEqualTo(YoloPersonDetector.DEFAULT_CONFIDENCE);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+", disabledReason = "needs a crowded street and the detector models (VESTIS_TEST_DATA)")
    void thePhotoDetectorReportsOnlyWhatIsConfident() throws Exception {
        PipelineFactory factory = new PipelineFactory(yaml("detector: person", "detector-models: " + pretrained(),
                "low-score: 0.1").spec());
        Path clip = Path.of(System.getenv("VESTIS_TEST_DATA"), "mot/TUD-Stadtmitte/TUD-Stadtmitte.mp4");
        try (VideoFileSource source = new VideoFileSource(clip); VideoFrame frame = source.next();
             Detector tracked = factory.newDetector(); Detector photo = factory.newPhotoDetector()) {
            List<Detection> all = tracked.detect(frame.image());
            List<Detection> confident = photo.detect(frame.image());
            assertThat(all).as("the tracked detector also reports weak people").anyMatch(d -> d.score() < factory.spec().confidentScore());
            assertThat(confident).isNotEmpty();
            assertThat(confident).as("the tracked detector's confident detections, no weak ones")
                    .isEqualTo(all.stream().filter(d -> d.score() >= factory.spec().confidentScore()).toList());
        }
    }

    @Test
    void aBundleWithoutGarmentsIsNoGarmentModel() throws IOException {
        PipelineFactory factory = new PipelineFactory(yaml("detector: full-frame").spec().withModel(Path.of("models/fashion-mnist-seed-cnn")));
        assertThatThrownBy(factory::loadGarmentModels).isInstanceOf(UserException.class)
                .hasMessage("models/fashion-mnist-seed-cnn is not a garment model: it has no garments.json.");
    }

    @Test
    void theTrackerIsTheOneTheYamlNames() throws IOException {
        assertThat(new PipelineFactory(yaml("tracker: iou").spec()).newTracker()).isInstanceOf(IouTracker.class);
        assertThat(new PipelineFactory(yaml("tracker: byte").spec()).newTracker()).isInstanceOf(ByteTracker.class);
    }

    @Test
    void theTrackerAndSmoothingComeFromYaml() throws IOException {
        PipelineSettings iou = yaml("tracker: iou", "tracker-iou: 0.4", "confirm-hits: 3", "max-misses: 7", "top-n: 9").spec().settings();
        assertThat(iou.tracker()).isEqualTo(new IouTrackerSettings(0.4, 3, 7));
        assertThat(iou.topN()).isEqualTo(9);
        PipelineSpec byteSpec = yaml("detector: hog", "tracker: byte", "weak-iou: 0.6", "max-detections: 50", "looks-per-frame: 0.5",
                "look-burst: 2").spec();
        ByteTrackerSettings b = (ByteTrackerSettings) byteSpec.settings().tracker();
        assertThat(b.highScore()).as("hog's own confident score").isEqualTo(HogPeopleDetector.DEFAULT_CONFIDENCE);
        assertThat(b.secondIou()).isEqualTo(0.6);
        assertThat(b.maxDetections()).isEqualTo(50);
        assertThat(byteSpec.settings().looks().perFrame()).isEqualTo(0.5);
        assertThat(byteSpec.settings().looks().burst()).isEqualTo(2);
        assertThat(byteSpec.maxMisses()).isEqualTo(ByteTrackerSettings.DEFAULTS.maxLostFrames());
    }

    @Test
    void aBadDetectorSettingIsOneSentenceNamingTheFile() throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "pipeline:\n  detector: center\n  center-fraction: 1.5\n");
        PipelineConfig c = ConfigLoader.load(file).pipeline;
        assertThatThrownBy(() -> c.validate(file.toString())).isInstanceOf(UserException.class)
                .hasMessage("In " + file + ": center-fraction must be above 0 and at most 1.");
        Files.writeString(file, "pipeline:\n  detector: motion\n  min-motion-area: 0\n");
        PipelineConfig m = ConfigLoader.load(file).pipeline;
        assertThatThrownBy(() -> m.validate(file.toString())).isInstanceOf(UserException.class)
                .hasMessage("In " + file + ": min-motion-area must be between 0 and 1.");
    }

    /** The shared data's detector models ($VESTIS_TEST_DATA/pretrained, as .ci/run provides them). */
    private static Path pretrained() {
        return Path.of(System.getenv("VESTIS_TEST_DATA"), "pretrained");
    }
}
