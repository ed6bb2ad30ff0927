package org.vestis.bench;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.track.Tracker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * The Java side of benchmarks/tracking.sh's cost part: milliseconds per frame of each tracker alone, on a
 * synthetic 640x480 scene of N people (20 by default) in two-coloured clothes walking at their own speeds and
 * bouncing off the edges, so they cross and overlap. Detections are their boxes with a few pixels of jitter,
 * scores from 0.3 to 1 and 5% of them missed, as a person detector gives them. Painting the frame is not timed;
 * the tracker's update (colour signatures included) is. The old IoU tracker runs beside it as the reference.
 *
 * <pre>java -cp "target/vestis.jar:target/lib/*" org.vestis.bench.TrackerBenchmark [--people 20] [--frames 3000]</pre>
 */
public final class TrackerBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int WARMUP_FRAMES = 300;

    private TrackerBenchmark() {
    }

    public static void main(String[] args) {
        int people = 20;
        int frames = 3000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> people = Integer.parseInt(args[++i]);
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use [--people N] [--frames N]");
            }
        }
        System.out.printf(Locale.ROOT, "# %d people, %d frames (after %d warm-up frames), %dx%d, configs/fashion-mnist.yaml's tracker settings%n",
                people, frames, WARMUP_FRAMES, WIDTH, HEIGHT);
        measure("byte (config: colours on)", c -> { }, people, frames);
        measure("byte, colours off", c -> c.appearanceWeight = 0, people, frames);
        measure("iou", c -> c.tracker = PipelineConfig.IOU_TRACKER, people, frames);
    }

    private static void measure(String name, Consumer<PipelineConfig> change, int people, int frames) {
        PipelineConfig c = ConfigLoader.load(Path.of("configs/fashion-mnist.yaml")).pipeline;
        change.accept(c);
        Tracker tracker = new PipelineFactory(c.spec()).newTracker();
        Scene scene = new Scene(people, new Random(11));
        double[] millis = new double[frames];
        int tracksSeen = 0;
        try (Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC3)) {
            for (int f = 0; f < WARMUP_FRAMES + frames; f++) {
                List<Detection> detections = scene.step(frame);
                long t0 = System.nanoTime();
                int n = tracker.update(detections, frame).size();
                tracker.drainRemoved();
                long t1 = System.nanoTime();
                if (f >= WARMUP_FRAMES) {
                    millis[f - WARMUP_FRAMES] = (t1 - t0) / 1e6;
                    tracksSeen += n;
                }
            }
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(millis).average().orElse(0);
        System.out.printf(Locale.ROOT, "RESULT %s mean %.3f ms/frame, median %.3f, 99th percentile %.3f, max %.3f; %.1f tracked detections per frame%n",
                name, mean, sorted[frames / 2], sorted[(int) (frames * 0.99)], sorted[frames - 1], tracksSeen / (double) frames);
    }

    /** People walking in a grey frame; each step moves them, paints them and returns their detections. */
    private static final class Scene {
        private final Random random;
        private final double[][] people; // x, y, vx, vy, w, h
        private final Scalar[][] clothes;
        private final Scalar background = new Scalar(120, 120, 120, 0);

        Scene(int count, Random random) {
            this.random = random;
            people = new double[count][];
            clothes = new Scalar[count][];
            for (int i = 0; i < count; i++) {
                double h = 80 + random.nextInt(120);
                people[i] = new double[]{random.nextInt(WIDTH - 60), random.nextInt((int) (HEIGHT - h)),
                        random.nextGaussian() * 3, random.nextGaussian(), h * 0.4, h};
                clothes[i] = new Scalar[]{randomColour(), randomColour()};
            }
        }

        private Scalar randomColour() {
            return new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256), 0);
        }

        List<Detection> step(Mat frame) {
            frame.put(background);
            List<Detection> out = new ArrayList<>();
            for (int i = 0; i < people.length; i++) {
                double[] p = people[i];
                p[0] += p[2];
                p[1] += p[3];
                if (p[0] < 0 || p[0] + p[4] > WIDTH) {
                    p[2] = -p[2];
                    p[0] = Math.max(0, Math.min(WIDTH - p[4], p[0]));
                }
                if (p[1] < 0 || p[1] + p[5] > HEIGHT) {
                    p[3] = -p[3];
                    p[1] = Math.max(0, Math.min(HEIGHT - p[5], p[1]));
                }
                paint(frame, p, clothes[i]);
                if (random.nextDouble() >= 0.05) {
                    Box box = new Box(p[0] + random.nextGaussian() * 2, p[1] + random.nextGaussian() * 2,
                            p[4] + random.nextGaussian() * 2, p[5] + random.nextGaussian() * 2).clip(WIDTH, HEIGHT);
                    out.add(new Detection(box, 0.3 + 0.7 * random.nextDouble(), "person"));
                }
            }
            return out;
        }

        private static void paint(Mat frame, double[] p, Scalar[] colours) {
            int x = (int) p[0], y = (int) p[1], w = (int) p[4], h = (int) p[5];
            try (Rect top = new Rect(x, y, w, h / 2); Rect bottom = new Rect(x, y + h / 2, w, h - h / 2);
                 Mat t = frame.apply(top); Mat b = frame.apply(bottom)) {
                t.put(colours[0]);
                b.put(colours[1]);
            }
        }
    }
}
