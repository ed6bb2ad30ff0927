package org.vestis.bench;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineSettings;
import org.vestis.video.VideoFrame;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.YoloPersonDetector;
import org.vestis.video.sink.MotTrackRows;
import org.vestis.video.source.VideoFileSource;
import org.vestis.video.track.Assignment;
import org.vestis.video.track.TrackedDetection;
import org.vestis.video.track.Tracker;
import org.vestis.video.track.eval.MotBox;
import org.vestis.video.track.eval.MotFile;
import org.vestis.video.track.eval.MotMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The Java side of benchmarks/tracking.sh: the person detector and the trackers on MOT sequences with identity
 * ground truth, scored with the standard MOT metrics, as `vestis analyze` runs them (same detector, same score
 * filter, same tracker settings from {@link PipelineConfig}, confirmed tracks only, as `--mot` writes them).
 *
 * <p>For each sequence, each shrink factor and each detector input size, the detector runs once per frame (reporting
 * down to the lowest score any tracker setting needs; non-maximum suppression keeps the same boxes above any higher
 * threshold), and every tracker setting then runs over those detections. A shrink factor below 1 pastes each frame,
 * scaled down, into the middle of a grey frame of the original size (ground truth mapped alike): people then fill
 * a smaller share of the picture, as in a wide campus view, which is what the detector input size is for. A stride
 * k keeps every k-th frame (the sequences are 25 frames/s; 3 makes them about 8, as many surveillance cameras).
 *
 * <p>{@code --grid} adds a sweep over the byte tracker's thresholds around the defaults.
 */
public final class TrackingBenchmark {
    private static final double MATCH_IOU = 0.5;
    /** The run config whose pipeline section the settings start from. */
    private static Path config = Path.of("configs/fashion-mnist.yaml");

    private TrackingBenchmark() {
    }

    /**
     * One tracker setting to score: a name, the config changes that make it (from the config), and what is scored:
     * the confirmed detections frame by frame as the tracker reports them, or the rows `analyze --mot` writes
     * (whole tracks, with or without gaps of up to max-misses filled).
     */
    private record Setting(String name, Consumer<PipelineConfig> apply, Output output) {
        Setting(String name, Consumer<PipelineConfig> apply) {
            this(name, apply, Output.FRAME_BY_FRAME);
        }
    }

    private enum Output { FRAME_BY_FRAME, WHOLE_TRACKS, WHOLE_TRACKS_GAPS_FILLED }

    /** The detections of every frame of one sequence at one shrink and input size, the frames, and the detector's cost. */
    private record Detections(List<List<Detection>> frames, List<Mat> images, double millisPerFrame) implements AutoCloseable {
        /** Frames 1, 1 + k, 1 + 2k, ... (a lower frame rate); the images stay owned by this record. */
        Detections everyKth(int k) {
            List<List<Detection>> f = new ArrayList<>();
            List<Mat> i = new ArrayList<>();
            for (int n = 0; n < frames.size(); n += k) {
                f.add(frames.get(n));
                i.add(images.get(n));
            }
            return new Detections(f, i, millisPerFrame);
        }

        @Override
        public void close() {
            images.forEach(Mat::close);
        }
    }

    public static void main(String[] args) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Path data = Path.of(System.getenv().getOrDefault("VESTIS_TEST_DATA", "../shared/data")).resolve("mot");
        List<Integer> sizes = List.of(320);
        List<Double> shrinks = List.of(1.0);
        List<Integer> strides = List.of(1);
        List<Double> nmsList = List.of(YoloPersonDetector.DEFAULT_NMS_IOU);
        boolean grid = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--shrinks" -> shrinks = Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
                case "--nms" -> nmsList = Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
                case "--strides" -> strides = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--grid" -> grid = true;
                case "--config" -> config = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--data MOT_DIR] [--config FILE] [--sizes 320,416] [--nms 0.45] [--shrinks 1,0.5] [--strides 1,3] [--grid]");
            }
        }
        List<Setting> settings = settings(grid);
        System.out.println("| sequence | shrink | stride | detector input | detector ms/frame | detector recall | detector precision | tracker "
                + "| MOTA | IDF1 | ID switches | track ids / people | recall | precision | FP | FN | frag. | MT / ML |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, double[]> totals = new LinkedHashMap<>();
        List<Path> sequences;
        try (var dirs = Files.list(data)) {
            sequences = dirs.filter(d -> Files.isRegularFile(d.resolve("gt/gt.txt"))).sorted().toList();
        }
        for (Path dir : sequences) {
            Path video = dir.resolve(dir.getFileName() + ".mp4");
            for (double shrink : shrinks) {
                List<MotBox> truth = shrunk(MotFile.readGroundTruth(dir.resolve("gt/gt.txt")), shrink, video);
                for (int size : sizes) {
                    for (double nms : nmsList) {
                        String detector = nmsList.size() > 1 ? String.format(Locale.ROOT, "%d, NMS %.2f", size, nms) : Integer.toString(size);
                        try (Detections all = detect(video, shrink, size, nms)) {
                            for (int stride : strides) {
                                String condition = String.format(Locale.ROOT, "| %s | %.2f | %d | %s |", dir.getFileName(), shrink, stride, detector);
                                String key = String.format(Locale.ROOT, "shrink %.2f, stride %d, input %s", shrink, stride, detector);
                                scoreSettings(condition, key, all.everyKth(stride), everyKth(truth, stride), settings, totals);
                            }
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| setting (means over sequences) | MOTA | IDF1 | ID switches |");
        System.out.println("| --- | ---: | ---: | ---: |");
        totals.forEach((k, t) -> System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.1f |%n", k, t[0] / t[3], t[1] / t[3], t[2] / t[3]));
    }

    /** Every setting's tracks over one sequence under one condition: a table row each, and their share of the means. */
    private static void scoreSettings(String condition, String key, Detections found, List<MotBox> truth, List<Setting> settings,
                                      Map<String, double[]> totals) {
        double[] pr = detectorRecallPrecision(found.frames(), truth, ConfigLoader.load(config).pipeline);
        for (Setting s : settings) {
            MotMetrics m = MotMetrics.score(truth, track(found, s));
            System.out.printf(Locale.ROOT, "%s %.1f | %.3f | %.3f | %s | %.3f | %.3f | %d | %d / %d | %.3f | %.3f | %d | %d | %d | %d / %d |%n",
                    condition, found.millisPerFrame(), pr[0], pr[1], s.name(), m.mota(), m.idf1(), m.idSwitches(),
                    m.trackIds(), m.gtIds(), m.recall(), m.precision(), m.falsePositives(), m.misses(), m.fragmentations(),
                    m.mostlyTracked(), m.mostlyLost());
            double[] t = totals.computeIfAbsent(key + ", " + s.name(), k -> new double[4]);
            t[0] += m.mota();
            t[1] += m.idf1();
            t[2] += m.idSwitches();
            t[3]++;
        }
    }

    /**
     * The old IoU tracker with its old settings, ByteTrack's own thresholds without colours, and the config as it is
     * (plus, with {@code grid}, sweeps around it).
     */
    private static List<Setting> settings(boolean grid) {
        List<Setting> out = new ArrayList<>();
        out.add(new Setting("iou (before)", c -> {
            c.tracker = PipelineConfig.IOU_TRACKER;
            c.minScore = 0.5; // the person detector's threshold then
            c.trackerIou = 0.3;
            c.confirmHits = 3;
            c.maxMisses = 10;
        }));
        out.add(new Setting("byte, ByteTrack's thresholds, no colours", c -> {
            c.minScore = 0.5;
            c.maxMisses = 30;
            c.appearanceWeight = 0;
            c.lostAppearance = 1;
        }));
        out.add(new Setting("byte (config)", c -> { }));
        out.add(new Setting("byte (config), whole tracks", c -> { }, Output.WHOLE_TRACKS));
        out.add(new Setting("byte (config), as --mot writes it (gaps filled)", c -> { }, Output.WHOLE_TRACKS_GAPS_FILLED));
        if (grid) {
            for (double high : new double[]{0.5, 0.6, 0.7}) {
                for (double weight : new double[]{0, 0.5, 1, 2, 4}) {
                    for (double lost : new double[]{1, 0.5, 0.35, 0.25}) {
                        for (int hits : new int[]{1, 2, 3}) {
                            for (int misses : new int[]{15, 30, 60}) {
                                out.add(new Setting(String.format(Locale.ROOT, "byte high %.1f colours %.1f lost %.2f hits %d misses %d",
                                        high, weight, lost, hits, misses), c -> {
                                    c.minScore = high;
                                    c.appearanceWeight = weight;
                                    c.lostAppearance = lost;
                                    c.confirmHits = hits;
                                    c.maxMisses = misses;
                                }));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Runs the tracker of {@code setting} over the detections as the pipeline does; its confirmed tracks. */
    private static List<MotBox> track(Detections found, Setting setting) {
        List<List<Detection>> frames = found.frames();
        PipelineConfig c = ConfigLoader.load(config).pipeline;
        setting.apply().accept(c);
        c.validate(setting.name());
        PipelineFactory factory = new PipelineFactory(c.spec());
        PipelineSettings ps = factory.spec().settings();
        double detectorFloor = c.detectorConfidence() == null ? c.confidentScore() : c.detectorConfidence();
        Tracker tracker = factory.newTracker();
        MotTrackRows rows = new MotTrackRows(setting.output() == Output.WHOLE_TRACKS_GAPS_FILLED ? c.maxMisses : 0);
        List<MotBox> out = new ArrayList<>();
        for (int f = 0; f < frames.size(); f++) {
            List<Detection> kept = frames.get(f).stream().filter(d -> d.score() >= Math.max(ps.minScore(), detectorFloor)).toList();
            List<TrackedDetection> tracked = tracker.update(kept, found.images().get(f));
            int frame = f + 1;
            if (setting.output() == Output.FRAME_BY_FRAME) {
                tracked.stream().filter(TrackedDetection::confirmed).forEach(t -> out.add(new MotBox(frame, t.trackId(), t.detection().box())));
            } else {
                rows.frame(frame, tracked.stream().map(t -> new MotTrackRows.TrackBox(t.trackId(), t.confirmed(), t.detection().box(),
                        t.detection().score())).toList()).forEach(r -> out.add(new MotBox(r.frame(), r.trackId(), r.box())));
            }
            tracker.drainRemoved();
        }
        return out;
    }

    /** Detector recall and precision at the config's confident score, pairing boxes one to one at IoU >= 0.5 per frame. */
    private static double[] detectorRecallPrecision(List<List<Detection>> frames, List<MotBox> truth, PipelineConfig c) {
        double threshold = c.confidentScore();
        Map<Integer, List<Box>> truthByFrame = new LinkedHashMap<>();
        truth.forEach(b -> truthByFrame.computeIfAbsent(b.frame(), k -> new ArrayList<>()).add(b.box()));
        long matched = 0, truthCount = truth.size(), found = 0;
        for (int f = 0; f < frames.size(); f++) {
            List<Box> t = truthByFrame.getOrDefault(f + 1, List.of());
            List<Box> d = frames.get(f).stream().filter(x -> x.score() >= threshold).map(Detection::box).toList();
            found += d.size();
            double[][] cost = new double[t.size()][d.size()];
            for (int i = 0; i < t.size(); i++) {
                for (int j = 0; j < d.size(); j++) {
                    cost[i][j] = 1 - t.get(i).iou(d.get(j));
                }
            }
            matched += Arrays.stream(Assignment.solve(cost, 1 - MATCH_IOU)).filter(j -> j >= 0).count();
        }
        return new double[]{matched / (double) Math.max(1, truthCount), matched / (double) Math.max(1, found)};
    }

    /** Every frame through the person detector at the lowest score any setting uses. */
    private static Detections detect(Path video, double shrink, int size, double nms) throws IOException {
        PipelineConfig c = ConfigLoader.load(config).pipeline;
        c.detectorSize = size;
        c.detectorNms = nms;
        c.lowScore = 0.1;
        List<List<Detection>> frames = new ArrayList<>();
        List<Mat> images = new ArrayList<>();
        long nanos = 0;
        try (VideoFileSource source = new VideoFileSource(video.toString(), 1);
             Detector detector = new PipelineFactory(c.spec()).newDetector()) {
            VideoFrame frame;
            while ((frame = source.next()) != null) {
                try (VideoFrame f = frame) {
                    Mat image = shrunk(f.image(), shrink);
                    images.add(image);
                    long t0 = System.nanoTime();
                    frames.add(detector.detect(image));
                    nanos += System.nanoTime() - t0;
                }
            }
        }
        // The first frames carry OpenCV's one-time set-up; the mean over the sequence is what a run pays.
        return new Detections(frames, images, nanos / 1e6 / Math.max(1, frames.size()));
    }

    /** The frame scaled by {@code shrink} in the middle of a grey frame of the same size (a copy when shrink is 1). */
    private static Mat shrunk(Mat image, double shrink) {
        if (shrink >= 1) {
            return image.clone();
        }
        int w = image.cols(), h = image.rows();
        int sw = (int) Math.round(w * shrink), sh = (int) Math.round(h * shrink);
        Mat canvas = new Mat(h, w, CV_8UC3, new Scalar(114, 114, 114, 0));
        try (Mat small = new Mat(); Size target = new Size(sw, sh); Rect where = new Rect((w - sw) / 2, (h - sh) / 2, sw, sh);
             Mat roi = canvas.apply(where)) {
            resize(image, small, target, 0, 0, INTER_AREA);
            small.copyTo(roi);
        }
        return canvas;
    }

    /** The ground truth of frames 1, 1 + k, ..., numbered 1, 2, ... as {@link Detections#everyKth} numbers them. */
    private static List<MotBox> everyKth(List<MotBox> truth, int k) {
        return truth.stream().filter(b -> (b.frame() - 1) % k == 0).map(b -> new MotBox((b.frame() - 1) / k + 1, b.id(), b.box())).toList();
    }

    private static List<MotBox> shrunk(List<MotBox> truth, double shrink, Path video) throws IOException {
        if (shrink >= 1) {
            return truth;
        }
        int w, h;
        try (VideoFileSource source = new VideoFileSource(video.toString(), 1); VideoFrame first = source.next()) {
            w = first.width();
            h = first.height();
        }
        double dx = (w - Math.round(w * shrink)) / 2, dy = (h - Math.round(h * shrink)) / 2;
        return truth.stream().map(b -> new MotBox(b.frame(), b.id(), new Box(b.box().x() * shrink + dx, b.box().y() * shrink + dy,
                b.box().width() * shrink, b.box().height() * shrink))).toList();
    }
}
