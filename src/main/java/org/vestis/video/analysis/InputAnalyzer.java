package org.vestis.video.analysis;

import org.vestis.video.FrameResult;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.FaceTorsoDetector;
import org.vestis.video.pipeline.Pipeline;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineSpec;
import org.vestis.video.pipeline.PipelineSummary;
import org.vestis.video.sink.AnnotatedVideoSink;
import org.vestis.video.sink.FrameSink;
import org.vestis.video.sink.MotChallengeSink;
import org.vestis.video.sink.TimelineJsonlSink;
import org.vestis.video.sink.TrackCsvSink;
import org.vestis.video.source.FrameSource;
import org.vestis.video.source.FrameSources;
import org.vestis.video.source.ImageFolderSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One input through the pipeline into its output files in a folder: STEM.annotated.mp4 (optional), STEM.timeline.jsonl,
 * STEM.tracks.csv (and a MOTChallenge file when asked). Each file is written under a temporary name and renamed when
 * complete. Used by `analyze` and by the Spark job, so both give the same results for the same file.
 */
public final class InputAnalyzer {
    private final AnalysisModels models;
    private final Path outDir;
    private final boolean video;
    private final boolean regions;
    private final Path mot;

    /**
     * @param video   write the annotated video
     * @param regions outline the body regions in the annotated video
     * @param mot     also write MOTChallenge tracks to this file, or null
     */
    public InputAnalyzer(AnalysisModels models, Path outDir, boolean video, boolean regions, Path mot) {
        this.models = models;
        this.outDir = outDir;
        this.video = video;
        this.regions = regions;
        this.mot = mot;
    }

    /** Progress hooks: the pipeline once it exists (to interrupt it), its frame count when known, each frame done. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void started(Pipeline pipeline, long expectedFrames) {
        }

        default void frame(FrameResult result) {
        }

        default void finished() {
        }
    }

    public AnalyzedInput analyze(String input, String stem, Progress progress) throws Exception {
        PipelineFactory factory = models.factory();
        PipelineSpec spec = factory.spec();
        try (FrameSource source = FrameSources.open(input, spec.stride());
             Detector det = factory.newDetector();
             FaceTorsoDetector faces = factory.newFaceBlurrer()) {
            List<FrameSink> sinks = new ArrayList<>();
            if (video) {
                // With a stride, the annotated video keeps real time: fewer frames at a lower rate.
                double fps = source.frameRate() / (source.live() ? 1 : spec.stride());
                sinks.add(new AnnotatedVideoSink(outDir.resolve(stem + ".annotated.mp4"), fps, faces == null ? null : faces::faces, regions));
            }
            sinks.add(new TimelineJsonlSink(outDir.resolve(stem + ".timeline.jsonl")));
            sinks.add(new TrackCsvSink(outDir.resolve(stem + ".tracks.csv")));
            if (mot != null) {
                sinks.add(new MotChallengeSink(mot, spec.maxMisses()));
            }
            Pipeline pipeline = factory.newPipeline(source, det, models.models(), sinks);
            long expected = source.frameCount() > 0 ? (source.frameCount() + spec.stride() - 1) / spec.stride() : -1;
            PipelineSummary summary;
            progress.started(pipeline, expected);
            try {
                summary = pipeline.run(progress::frame);
            } finally {
                progress.finished();
            }
            List<String> skipped = source instanceof ImageFolderSource folder ? folder.skippedNames() : List.of();
            // Containers round their counts and some streams drop a frame at the end (a GIF's count is often one too many):
            // only a clear shortfall counts.
            boolean endedEarly = !(source instanceof ImageFolderSource) && !summary.interrupted() && expected > 0
                    && summary.frames() < expected * 0.98 && summary.frames() < expected - 1;
            return new AnalyzedInput(stem, summary, expected, endedEarly, skipped, source instanceof ImageFolderSource ? source.frameCount() : 0);
        }
    }
}
