package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.vestis.io.OutputFolderLock;
import org.vestis.UserException;
import org.vestis.cli.options.PipelineOptions;
import org.vestis.config.PipelineConfig;
import org.vestis.video.FrameResult;
import org.vestis.video.pipeline.Pipeline;
import org.vestis.video.pipeline.PipelineSummary;
import org.vestis.video.analysis.AnalysisModels;
import org.vestis.video.analysis.AnalyzedInput;
import org.vestis.video.analysis.InputAnalyzer;
import org.vestis.video.analysis.OutputStems;
import org.vestis.video.garment.GarmentObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `vestis analyze VIDEO... --out DIR`: every frame of each input through the pipeline, writing per input an
 * annotated video, a timeline (JSONL) and a per-track CSV, then DIR/summary.json over all inputs.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run recorded videos (or image folders, or stream URLs) through detection, tracking and classification.")
final class AnalyzeCommand implements Callable<Integer> {
    /** After Ctrl-C, how long the queued frames, the video trailer and the summary may take before the JVM exits anyway. */
    private static final long MAX_SECONDS_TO_FINISH_AFTER_CTRL_C = 30;

    @Parameters(arity = "1..*", paramLabel = "VIDEO", description = "Video files, image folders or stream URLs.")
    List<String> inputs;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--config", defaultValue = "configs/garments.yaml", description = "Run config (default: ${DEFAULT-VALUE}).")
    Path config;
    @Mixin
    PipelineOptions pipeline;
    @Option(names = "--stride", description = "Process every k-th frame.")
    Integer stride;
    @Option(names = "--blur-faces", description = "Blur faces in the annotated video.")
    Boolean blurFaces;
    @Option(names = "--no-video", description = "Skip the annotated video (timeline and CSV only).")
    boolean noVideo;
    @Option(names = "--regions", description = "Outline each person's body regions (head, torso, legs, feet) in the annotated video (garment models).")
    boolean regions;
    @Option(names = "--tracker", description = "byte (the default: Kalman filter, two-stage matching) or iou.")
    String tracker;
    @Option(names = "--mot", paramLabel = "FILE", description = "Also write the confirmed tracks in MOTChallenge format, whole, short gaps interpolated (one input only).")
    Path mot;

    @Override
    public Integer call() throws Exception {
        PipelineConfig c = pipeline.load(config, flags -> {
            if (stride != null) {
                flags.stride = stride;
            }
            if (blurFaces != null) {
                flags.blurFaces = blurFaces;
            }
            if (tracker != null) {
                flags.tracker = tracker;
            }
        });
        if (mot != null && inputs.size() > 1) {
            throw new UserException("--mot writes the tracks of one input; give one input, or leave --mot out.");
        }
        prepareOutputs(); // before the model loads and any frame is read: a bad path costs nothing
        try (OutputFolderLock folder = OutputFolderLock.acquire(out)) {
            analyzeAll(c);
        }
        return 0;
    }

    private void analyzeAll(PipelineConfig c) throws Exception {
        try (AnalysisModels models = AnalysisModels.load(c.spec())) {
            analyzeAll(c, new InputAnalyzer(models, out, !noVideo, regions, mot));
        }
    }

    private void analyzeAll(PipelineConfig c, InputAnalyzer analyzer) throws Exception {
        List<AnalyzedInput> summaries = new ArrayList<>();
        OutputStems stems = new OutputStems();
        // Ctrl-C: stop reading, finish what is queued, finalise the outputs and the summary, then let the JVM exit.
        try (GracefulInterrupt ctrlC = new GracefulInterrupt(MAX_SECONDS_TO_FINISH_AFTER_CTRL_C)) {
            List<JsonNode> earlierRuns = earlierInputs(out.resolve("summary.json"));
            for (String input : inputs) {
                if (ctrlC.requested()) {
                    break;
                }
                String stem = stems.next(input);
                AnalyzedInput analyzed = analyzer.analyze(input, stem, new ConsoleProgress(stem, ctrlC));
                report(input, analyzed);
                summaries.add(analyzed);
                writeSummary(earlierRuns, summaries, c);
                if (analyzed.summary().interrupted()) {
                    break;
                }
            }
            printTable(summaries);
            System.out.println("Results in " + out + " (summary.json; per input: .annotated.mp4, .timeline.jsonl, .tracks.csv)");
        }
    }

    /** A progress bar per input on the terminal; Ctrl-C interrupts the pipeline running. */
    private static final class ConsoleProgress implements InputAnalyzer.Progress {
        private final String stem;
        private final GracefulInterrupt ctrlC;
        private ProgressBar bar;

        ConsoleProgress(String stem, GracefulInterrupt ctrlC) {
            this.stem = stem;
            this.ctrlC = ctrlC;
        }

        @Override
        public void started(Pipeline pipeline, long expectedFrames) {
            ctrlC.whileRunning(pipeline::interrupt);
            bar = new ProgressBarBuilder().setTaskName(stem).setInitialMax(expectedFrames).setUnit(" frames", 1)
                    .showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
        }

        @Override
        public void frame(FrameResult result) {
            bar.step();
        }

        @Override
        public void finished() {
            bar.close();
            ctrlC.whileRunning(null);
        }
    }

    /** Says on stderr what the outputs of an input lack: skipped images, frames missing at the end. */
    private static void report(String input, AnalyzedInput a) {
        List<String> skipped = a.skippedImages();
        if (!skipped.isEmpty()) {
            System.err.printf(Locale.ROOT, "vestis: %d of the %d images in %s could not be read and were skipped: %s.%n", skipped.size(),
                    a.images(), input, String.join(", ", skipped.subList(0, Math.min(10, skipped.size()))) + (skipped.size() > 10 ? ", ..." : ""));
        }
        if (a.endedEarly()) {
            System.err.printf(Locale.ROOT, "vestis: %s ended after %d of the %d frames its container declares (the file may be"
                    + " truncated or damaged); the outputs cover those %d frames.%n", input, a.summary().frames(), a.expectedFrames(),
                    a.summary().frames());
        }
    }

    /** Creates the output folder, or says in one sentence why it cannot be one; checks that --mot names a file. */
    private void prepareOutputs() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserException("--out " + out + " is a file; give a folder (it is created if missing).");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException | RuntimeException e) {
            throw new UserException("The output folder " + out + " could not be created (" + e.getMessage() + "); check the path.", e);
        }
        if (mot != null && Files.isDirectory(mot)) {
            throw new UserException("--mot " + mot + " is a folder; give the name of the file to write.");
        }
    }

    /**
     * The inputs an earlier run into this folder recorded, but for those this run analyses again: their outputs are
     * still there, so the summary keeps listing them (its "config" is this run's; an earlier entry may have run with
     * another).
     */
    private List<JsonNode> earlierInputs(Path summary) {
        List<JsonNode> kept = new ArrayList<>();
        if (!Files.isRegularFile(summary)) {
            return kept;
        }
        try {
            JsonNode doc = Json.MAPPER.readTree(summary.toFile());
            for (JsonNode entry : doc.path("inputs")) {
                if (!inputs.contains(entry.path("input").asText())) {
                    kept.add(entry);
                }
            }
        } catch (IOException e) {
            System.err.println("vestis: the earlier " + summary + " could not be read (" + e.getMessage() + "); it is replaced.");
        }
        return kept;
    }

    private void writeSummary(List<JsonNode> earlierRuns, List<AnalyzedInput> summaries, PipelineConfig c) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", c);
        List<Object> all = new ArrayList<>(earlierRuns);
        all.addAll(summaries);
        doc.put("inputs", all);
        Path tmp = out.resolve("summary.json.part");
        Json.MAPPER.writeValue(tmp.toFile(), doc);
        OutputFiles.publish(tmp, out.resolve("summary.json"));
    }

    private static final int MAX_PEOPLE_PRINTED = 20;

    private static void printTable(List<AnalyzedInput> summaries) {
        System.out.printf("%n%-40s %8s %8s %7s %7s  %s%n", "input", "frames", "seconds", "fps", "tracks", "labels (confirmed tracks)");
        for (AnalyzedInput a : summaries) {
            PipelineSummary s = a.summary();
            System.out.printf(Locale.ROOT, "%-40s %8d %8.1f %7.1f %7d  %s%s%n", shorten(s.input()), s.frames(), s.seconds(), s.fps(),
                    s.confirmedTracks(), s.people().isEmpty() ? s.labelCounts() : "(people below)",
                    s.interrupted() ? "  (interrupted)" : a.endedEarly() ? "  (ended early)" : "");
        }
        for (AnalyzedInput a : summaries) {
            Map<Integer, String> people = a.summary().people();
            if (people.isEmpty()) {
                continue;
            }
            GarmentObserver.Costs c = a.summary().garmentLooks();
            System.out.printf(Locale.ROOT, "%nPeople in %s (confirmed tracks, as last described; %d looks at people, %.1f part crops"
                            + " each, ms per look: landmarks %.1f, garment model %.1f, colours %.1f):%n", shorten(a.summary().input()),
                    c.people(), c.crops() / Math.max(1.0, c.people()), c.regionMillis(), c.classifyMillis(), c.colourMillis());
            people.entrySet().stream().limit(MAX_PEOPLE_PRINTED).forEach(e ->
                    System.out.printf("  #%-4d %s%n", e.getKey(), e.getValue().isEmpty() ? "(not seen well enough)" : e.getValue()));
            if (people.size() > MAX_PEOPLE_PRINTED) {
                System.out.printf("  ... and %d more (summary.json, .tracks.csv)%n", people.size() - MAX_PEOPLE_PRINTED);
            }
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 37);
    }
}
