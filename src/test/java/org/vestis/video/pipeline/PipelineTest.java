package org.vestis.video.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.model.ModelBundle;
import org.vestis.video.Detection;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.CenterDetector;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.FullFrameDetector;
import org.vestis.video.sink.AnnotatedVideoSink;
import org.vestis.video.sink.FrameSink;
import org.vestis.video.sink.TimelineJsonlSink;
import org.vestis.video.sink.TrackCsvSink;
import org.vestis.video.source.FrameSource;
import org.vestis.video.source.FrameSources;
import org.vestis.video.source.TestVideos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole pipeline on the real fixture clip with the committed seed-cnn bundle. */
class PipelineTest {
    private static CropClassifier classifier;

    @BeforeAll
    static void loadModel() {
        classifier = new CropClassifier(ModelBundle.load(Path.of("models/fashion-mnist-seed-cnn")));
    }

    private static List<FrameSink> sinks(Path dir) {
        List<FrameSink> sinks = new ArrayList<>();
        sinks.add(new AnnotatedVideoSink(dir.resolve("clip.annotated.mp4"), TestVideos.FIXTURE_FPS, null));
        sinks.add(new TimelineJsonlSink(dir.resolve("clip.timeline.jsonl")));
        sinks.add(new TrackCsvSink(dir.resolve("clip.tracks.csv")));
        return sinks;
    }

    @Test
    void everyFrameIsProcessedAndEveryOutputIsComplete(@TempDir Path dir) throws Exception {
        PipelineSummary summary;
        try (FrameSource source = FrameSources.open(TestVideos.fixture().toString(), 1);
             FullFrameDetector detector = new FullFrameDetector()) {
            summary = new Pipeline(source, detector, classifier, sinks(dir), PipelineSettings.DEFAULTS).run(r -> { });
        }
        assertThat(summary.frames()).isEqualTo(TestVideos.FIXTURE_FRAMES);
        assertThat(summary.confirmedTracks()).as("one full-frame box, one track").isEqualTo(1);
        assertThat(summary.interrupted()).isFalse();

        List<String> lines = Files.readAllLines(dir.resolve("clip.timeline.jsonl"));
        assertThat(lines).hasSize(TestVideos.FIXTURE_FRAMES);
        ObjectMapper json = new ObjectMapper();
        JsonNode last = json.readTree(lines.get(lines.size() - 1));
        assertThat(last.get("frame").asInt()).isEqualTo(TestVideos.FIXTURE_FRAMES - 1);
        assertThat(last.get("track").asInt()).isEqualTo(1);
        assertThat(last.get("confirmed").asBoolean()).isTrue();
        assertThat(classifier.labels()).contains(last.get("smoothedLabel").asText(), last.get("label").asText());
        assertThat(Files.readAllLines(dir.resolve("clip.tracks.csv"))).hasSize(2);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(dir.resolve("clip.annotated.mp4").toFile())) {
            g.start();
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(TestVideos.FIXTURE_FRAMES);
        }
    }

    @Test
    void stoppingMidwayStillFinalisesOutputsUpToTheLastProcessedFrame(@TempDir Path dir) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        PipelineSummary summary;
        try (FrameSource source = FrameSources.open(TestVideos.fixture().toString(), 1);
             CenterDetector detector = new CenterDetector(0.6)) {
            Pipeline pipeline = new Pipeline(source, detector, classifier, sinks(dir), PipelineSettings.DEFAULTS);
            summary = pipeline.run(r -> {
                if (seen.incrementAndGet() == 8) {
                    pipeline.interrupt();
                }
            });
        }
        assertThat(summary.interrupted()).isTrue();
        assertThat(summary.frames()).isBetween(8L, (long) TestVideos.FIXTURE_FRAMES - 1);
        assertThat(Files.readAllLines(dir.resolve("clip.timeline.jsonl"))).hasSize((int) summary.frames());
        assertThat(dir.resolve("clip.annotated.mp4")).isNotEmptyFile();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".part"));
        }
    }

    @Test
    void aDetectorFailingMidwayEndsTheRunWithItsErrorAndFinalisedOutputs(@TempDir Path dir) throws Exception {
        try (FrameSource source = FrameSources.open(TestVideos.fixture().toString(), 1);
             FullFrameDetector full = new FullFrameDetector()) {
            AtomicInteger calls = new AtomicInteger();
            Detector failing = new Detector() {
                @Override
                public List<Detection> detect(Mat bgrFrame) {
                    if (calls.incrementAndGet() == 6) {
                        throw new IllegalStateException("detector broke on frame 5");
                    }
                    return full.detect(bgrFrame);
                }

                @Override
                public void close() {
                }
            };
            Pipeline pipeline = new Pipeline(source, failing, classifier, sinks(dir), PipelineSettings.DEFAULTS);
            assertThatThrownBy(() -> pipeline.run(r -> { })).hasMessage("detector broke on frame 5");
        }
        List<String> lines = Files.readAllLines(dir.resolve("clip.timeline.jsonl"));
        assertThat(lines).as("frames 0 to 4 were processed before the failure").hasSize(5);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(dir.resolve("clip.annotated.mp4").toFile())) {
            g.start();
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(5);
        }
    }
}
