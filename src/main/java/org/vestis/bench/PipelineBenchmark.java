package org.vestis.bench;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.nn.dnnl.DnnlHelpers;
import org.vestis.video.VideoFrame;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.Detectors;
import org.vestis.video.pipeline.Pipeline;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;
import org.vestis.video.pipeline.PipelineSummary;
import org.vestis.video.sink.AnnotatedVideoSink;
import org.vestis.video.sink.FrameSink;
import org.vestis.video.sink.TimelineJsonlSink;
import org.vestis.video.sink.TrackCsvSink;
import org.vestis.video.source.FrameSource;
import org.vestis.video.source.VideoFileSource;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The Java side of benchmarks/pipeline.sh: end-to-end frames per second of the real {@link Pipeline} on a 640x480
 * H.264 video, per detector, next to decode-only speed (the ceiling), and the resident memory of a long run.
 * <ol>
 *   <li>Prepares the input once: the walking-people clip, centre-cropped to 4:3 and scaled to 640x480, encoded
 *       with OpenH264 and repeated until it has enough frames (kept in the work dir, reused by later runs).</li>
 *   <li>Decode-only: every frame of that file grabbed and converted to a BGR {@code Mat}, as the pipeline's source
 *       does ({@link VideoFileSource}).</li>
 *   <li>End to end, every frame (no stride): each detector with the fashion-mnist-cnn {@link CropClassifier},
 *       top-N smoothing and the timeline and CSV sinks; once more for {@code person} with the annotated video.</li>
 *   <li>Memory: {@code person} over the long input, the process's VmRSS sampled every 250 frames, written as CSV
 *       and as a PNG chart.</li>
 * </ol>
 * Prints {@code RESULT <name> <frames per second>} per measurement and {@code MEMORY <key> <value>} lines; the
 * Python OpenCV peer (benchmarks/peer_pipeline.py) prints the same names.
 */
public final class PipelineBenchmark {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int MEMORY_SAMPLE_EVERY = 250;
    private static final int WARMUP_FRAMES = 50;
    private static final java.util.regex.Pattern PREPARED = java.util.regex.Pattern.compile("walking-640x480-(\\d+)\\.mp4");

    private PipelineBenchmark() {
    }

    record Options(int frames, int memoryFrames, Path clip, Path work, Path model, Path memoryCsv, Path memoryPng,
                   List<String> detectors, boolean prepareOnly) {
        static Options parse(String[] args) {
            boolean quick = Arrays.asList(args).contains("--quick");
            int frames = quick ? 300 : 1500;
            int memoryFrames = quick ? 2000 : 10_000;
            Path clip = Path.of(System.getenv().getOrDefault("VESTIS_BENCH_CLIP", "../shared/data/videos/one-by-one-person-detection.mp4"));
            Path work = Path.of("target", "bench-pipeline");
            Path model = Path.of("models", "fashion-mnist-cnn");
            Path csv = null;
            Path png = null;
            List<String> detectors = Detectors.NAMES;
            boolean prepareOnly = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> { }
                    case "--prepare-only" -> prepareOnly = true;
                    case "--frames" -> frames = Integer.parseInt(args[++i]);
                    case "--memory-frames" -> memoryFrames = Integer.parseInt(args[++i]);
                    case "--clip" -> clip = Path.of(args[++i]);
                    case "--work" -> work = Path.of(args[++i]);
                    case "--model" -> model = Path.of(args[++i]);
                    case "--memory-csv" -> csv = Path.of(args[++i]);
                    case "--memory-png" -> png = Path.of(args[++i]);
                    case "--detectors" -> detectors = List.of(args[++i].split(","));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use [--quick] [--frames N] [--memory-frames N] [--clip FILE] [--work DIR] [--model DIR]"
                            + " [--memory-csv FILE] [--memory-png FILE] [--detectors a,b,...] [--prepare-only]");
                }
            }
            return new Options(frames, memoryFrames, clip, work, model,
                    csv != null ? csv : work.resolve("pipeline-memory.csv"), png != null ? png : work.resolve("pipeline-memory.png"),
                    detectors, prepareOnly);
        }
    }

    public static void main(String[] args) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Options o = Options.parse(args);
        Files.createDirectories(o.work());
        int needed = Math.max(o.frames(), o.memoryFrames());
        Path input = prepareInput(o.clip(), o.work(), needed);
        System.out.println("INPUT " + input.toAbsolutePath());
        java.util.regex.Matcher m = PREPARED.matcher(input.getFileName().toString());
        String inFile = m.matches() ? m.group(1) : "?";
        System.out.printf(Locale.ROOT, "# input: %dx%d H.264 (OpenH264), %s frames (decode-only reads them all); %d frames per detector;"
                + " memory run %d frames; oneDNN helpers: %s%n", WIDTH, HEIGHT, inFile, o.frames(), o.memoryFrames(),
                DnnlHelpers.enabled() ? "on" : "off");
        System.out.flush();
        if (o.prepareOnly()) {
            return;
        }

        report("decode-only", decodeRate(input));

        // The single-label pipeline (analyze --config configs/fashion-mnist.yaml); garments: benchmarks/garments.sh. Every
        // detector runs with the config's thresholds (those of its detector, person), so that detectors compare at equal settings.
        PipelineConfig config = ConfigLoader.load(Path.of("configs/fashion-mnist.yaml")).pipeline;
        PipelineFactory factory = new PipelineFactory(config.spec().withModel(o.model()));
        PipelineModels models = factory.loadModels();
        Path out = o.work().resolve("out");
        Files.createDirectories(out);

        // JIT, ND4J and OpenCV initialisation happen once, outside every measurement.
        run(input, WARMUP_FRAMES, "center", factory, models, out, false, r -> { });

        for (String name : o.detectors()) {
            measure(name, name, input, o.frames(), factory, models, out, false);
        }
        if (o.detectors().contains("person")) {
            measure("person-annotated", "person", input, o.frames(), factory, models, out, true);
        }
        if (o.memoryFrames() > 0) {
            memoryRun(input, o, factory, models, out);
        }
    }

    /** One end-to-end run: its RESULT line, and the time per frame of its detect and classify stages (a "# " line). */
    private static void measure(String result, String detector, Path input, int frames, PipelineFactory factory, PipelineModels models,
                                Path out, boolean video) throws IOException {
        double[] sums = new double[3]; // detect+track ms, crops+classify ms, tracks
        PipelineSummary s = run(input, frames, detector, factory, models, out, video, r -> {
            sums[0] += r.detectMillis();
            sums[1] += r.classifyMillis();
            sums[2] += r.tracks().size();
        });
        report(result, s.fps());
        long n = Math.max(1, s.frames());
        System.out.printf(Locale.ROOT, "# %s: %d frames, per frame %.1f ms detect+track, %.1f ms crops+classify+smooth, %.2f boxes%n",
                result, s.frames(), sums[0] / n, sums[1] / n, sums[2] / n);
        System.out.flush();
    }

    /** The clip centre-cropped to 4:3, scaled to 640x480 and repeated until it has at least {@code frames} frames. */
    static Path prepareInput(Path clip, Path work, int frames) throws IOException {
        // The name says what is inside, so a longer file made earlier is reused for shorter runs.
        try (var files = Files.list(work)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                java.util.regex.Matcher m = PREPARED.matcher(n);
                if (m.matches() && Long.parseLong(m.group(1)) >= frames) {
                    return p;
                }
            }
        }
        Path target = work.resolve("walking-640x480-" + frames + ".mp4");
        Path part = work.resolve("walking-640x480-" + frames + ".part.mp4");
        System.err.println("Preparing " + target + " from " + clip + " (" + frames + " frames, OpenH264)...");
        if (!Files.isRegularFile(clip)) {
            throw new IOException("The clip " + clip + " does not exist; pass --clip FILE or set VESTIS_BENCH_CLIP.");
        }
        int written = 0;
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             OpenCVFrameConverter.ToMat outConverter = new OpenCVFrameConverter.ToMat();
             Size size = new Size(WIDTH, HEIGHT);
             Mat scaled = new Mat()) {
            FFmpegFrameRecorder recorder = null;
            try {
                while (written < frames) {
                    int before = written;
                    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
                        grabber.start();
                        if (recorder == null) {
                            double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
                            recorder = new FFmpegFrameRecorder(part.toFile(), WIDTH, HEIGHT, 0);
                            recorder.setFormat("mp4");
                            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                            recorder.setFrameRate(fps);
                            recorder.setGopSize((int) Math.round(fps));
                            recorder.setVideoBitrate((int) (WIDTH * HEIGHT * fps * 0.12));
                            recorder.start();
                        }
                        Frame f;
                        while (written < frames && (f = grabber.grabImage()) != null) {
                            Mat m = converter.convert(f);
                            int w = m.cols(), h = m.rows();
                            int cw = Math.min(w, h * 4 / 3), ch = Math.min(h, w * 3 / 4);
                            try (Rect r = new Rect((w - cw) / 2, (h - ch) / 2, cw, ch); Mat roi = new Mat(m, r)) {
                                resize(roi, scaled, size, 0, 0, INTER_LINEAR);
                            }
                            recorder.record(outConverter.convert(scaled), avutil.AV_PIX_FMT_BGR24);
                            written++;
                        }
                    }
                    if (written == before) {
                        throw new IOException("The clip " + clip + " has no frames.");
                    }
                }
            } finally {
                if (recorder != null) {
                    recorder.close();
                }
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Every frame grabbed and converted to an owned BGR Mat, exactly as the pipeline's file source does. */
    static double decodeRate(Path input) {
        long frames = 0;
        long start = System.nanoTime();
        try (VideoFileSource source = new VideoFileSource(input)) {
            VideoFrame f;
            while ((f = source.next()) != null) {
                f.close();
                frames++;
            }
        }
        return frames / ((System.nanoTime() - start) / 1e9);
    }

    static PipelineSummary run(Path input, int frames, String detectorName, PipelineFactory base, PipelineModels models, Path out,
                               boolean video, Consumer<org.vestis.video.FrameResult> onFrame) throws IOException {
        String stem = detectorName + (video ? "-annotated" : "");
        PipelineFactory factory = new PipelineFactory(base.spec().withDetector(detectorName));
        try (FrameSource source = new FirstFrames(new VideoFileSource(input), frames);
             Detector detector = factory.newDetector()) {
            List<FrameSink> sinks = new ArrayList<>();
            if (video) {
                sinks.add(new AnnotatedVideoSink(out.resolve(stem + ".annotated.mp4"), source.frameRate()));
            }
            sinks.add(new TimelineJsonlSink(out.resolve(stem + ".timeline.jsonl")));
            sinks.add(new TrackCsvSink(out.resolve(stem + ".tracks.csv")));
            PipelineSummary s = factory.newPipeline(source, detector, models, sinks).run(onFrame);
            if (s.frames() != frames) {
                System.err.println("warning: " + stem + " processed " + s.frames() + " of " + frames + " frames");
            }
            return s;
        }
    }

    private static void memoryRun(Path input, Options o, PipelineFactory factory, PipelineModels models, Path out) throws IOException {
        List<long[]> samples = new ArrayList<>(); // frame, VmRSS KiB, heap used KiB
        long[] seen = {0};
        Runtime rt = Runtime.getRuntime();
        PipelineSummary s = run(input, o.memoryFrames(), "person", factory, models, out, false, r -> {
            long n = ++seen[0];
            if (n % MEMORY_SAMPLE_EVERY == 0) {
                samples.add(new long[]{n, rssKiB(), (rt.totalMemory() - rt.freeMemory()) / 1024});
            }
        });
        if (samples.isEmpty() || samples.get(samples.size() - 1)[0] != seen[0]) {
            samples.add(new long[]{seen[0], rssKiB(), (rt.totalMemory() - rt.freeMemory()) / 1024});
        }
        Files.createDirectories(o.memoryCsv().toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(o.memoryCsv()))) {
            w.println("frame,rss_mib,heap_used_mib");
            for (long[] x : samples) {
                w.printf(Locale.ROOT, "%d,%.1f,%.1f%n", x[0], x[1] / 1024.0, x[2] / 1024.0);
            }
        }
        chart(samples, o.memoryPng(), s);
        double first = samples.get(0)[1] / 1024.0;
        double last = samples.get(samples.size() - 1)[1] / 1024.0;
        double max = samples.stream().mapToLong(x -> x[1]).max().orElse(0) / 1024.0;
        System.out.printf(Locale.ROOT, "MEMORY frames %d%n", s.frames());
        System.out.printf(Locale.ROOT, "MEMORY fps %.1f%n", s.fps());
        System.out.printf(Locale.ROOT, "MEMORY rss-first-mib %.1f%n", first);
        System.out.printf(Locale.ROOT, "MEMORY rss-last-mib %.1f%n", last);
        System.out.printf(Locale.ROOT, "MEMORY rss-max-mib %.1f%n", max);
        System.out.println("MEMORY csv " + o.memoryCsv());
        System.out.println("MEMORY png " + o.memoryPng());
        System.out.flush();
    }

    private static void chart(List<long[]> samples, Path png, PipelineSummary s) throws IOException {
        double[] x = samples.stream().mapToDouble(v -> v[0]).toArray();
        double[] rss = samples.stream().mapToDouble(v -> v[1] / 1024.0).toArray();
        double[] heap = samples.stream().mapToDouble(v -> v[2] / 1024.0).toArray();
        XYChart c = new XYChartBuilder().width(800).height(420)
                .title(String.format(Locale.ROOT, "Resident memory, person detector + fashion-mnist-cnn, %d frames of 640x480 (%.1f fps)",
                        s.frames(), s.fps()))
                .xAxisTitle("frames processed").yAxisTitle("MiB").build();
        c.addSeries("resident (VmRSS)", x, rss).setMarker(SeriesMarkers.NONE);
        c.addSeries("Java heap used", x, heap).setMarker(SeriesMarkers.NONE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        Files.createDirectories(png.toAbsolutePath().getParent());
        String name = png.toString();
        BitmapEncoder.saveBitmap(c, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name, BitmapEncoder.BitmapFormat.PNG);
    }

    /** This process's resident set size in KiB (VmRSS in /proc/self/status), -1 where there is no /proc. */
    static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: no sample
        }
        return -1;
    }

    private static void report(String name, double rate) {
        System.out.printf(Locale.ROOT, "RESULT %s %.1f%n", name, rate);
        System.out.flush();
    }

    /** The first {@code limit} frames of a source (the benchmark's input is longer than some runs need). */
    static final class FirstFrames implements FrameSource {
        private final FrameSource inner;
        private final long limit;
        private long served;

        FirstFrames(FrameSource inner, long limit) {
            this.inner = inner;
            this.limit = limit;
        }

        @Override
        public VideoFrame next() throws IOException {
            if (served >= limit) {
                return null;
            }
            VideoFrame f = inner.next();
            if (f != null) {
                served++;
            }
            return f;
        }

        @Override
        public double frameRate() {
            return inner.frameRate();
        }

        @Override
        public long frameCount() {
            long n = inner.frameCount();
            return n < 0 ? limit : Math.min(n, limit);
        }

        @Override
        public boolean live() {
            return false;
        }

        @Override
        public String description() {
            return inner.description() + " (first " + limit + " frames)";
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
