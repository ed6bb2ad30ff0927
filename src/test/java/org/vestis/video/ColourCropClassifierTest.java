package org.vestis.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.data.PhotoFixtures;
import org.vestis.model.ModelBundle;
import org.vestis.model.Prediction;
import org.vestis.photo.BatchPredictor;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.FullFrameDetector;
import org.vestis.video.pipeline.Pipeline;
import org.vestis.video.pipeline.PipelineSettings;
import org.vestis.video.pipeline.PipelineSummary;
import org.vestis.video.sink.FrameSink;
import org.vestis.video.sink.TimelineJsonlSink;
import org.vestis.video.source.FrameSource;
import org.vestis.video.source.FrameSources;
import org.vestis.video.source.TestVideos;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** Colour (RGB MobileNet) bundles in the video pipeline: crops preprocessed as the bundle declares, one batch per frame. */
class ColourCropClassifierTest {
    static ModelBundle bundle;

    @BeforeAll
    static void importModel(@TempDir Path dir) throws Exception {
        bundle = ModelBundle.load(PhotoFixtures.importV1(dir));
    }

    @Test
    void aFullFrameCropIsClassifiedLikeThePhotoItself() throws Exception {
        Path photo = Path.of("src/test/resources/tflite/grace_hopper-256x300.jpg");
        CropClassifier classifier = new CropClassifier(bundle);
        float[] viaCrop;
        try (Mat bgr = imread(photo.toString())) {
            List<CropClassifier.Crop> crops = classifier.crops(bgr, List.of(new Box(0, 0, bgr.cols(), bgr.rows()), new Box(10, 10, 100, 120)));
            viaCrop = classifier.classify(crops).get(0);
            crops.forEach(CropClassifier.Crop::close);
        }
        Prediction direct = BatchPredictor.photos(bundle, BatchPredictor.ONE_BATCH).predict(List.of(ImageIO.read(photo.toFile())), 3).get(0);
        assertThat(bundle.info().labels().get(org.vestis.train.Metrics.argmax(viaCrop))).isEqualTo(direct.top().get(0).label());
    }

    @Test
    void analyzeRunsTheRealClipWithAColourBundle(@TempDir Path dir) throws Exception {
        PipelineSummary summary;
        List<FrameSink> sinks = List.of(new TimelineJsonlSink(dir.resolve("clip.timeline.jsonl")));
        try (FrameSource source = FrameSources.open(TestVideos.fixture().toString(), 1);
             FullFrameDetector detector = new FullFrameDetector()) {
            summary = new Pipeline(source, detector, new CropClassifier(bundle), sinks, PipelineSettings.DEFAULTS).run(r -> { });
        }
        assertThat(summary.frames()).isEqualTo(TestVideos.FIXTURE_FRAMES);
        List<String> lines = Files.readAllLines(dir.resolve("clip.timeline.jsonl"));
        assertThat(lines).hasSize(TestVideos.FIXTURE_FRAMES);
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(bundle.info().labels()).contains(last.get("label").asText());
    }
}
