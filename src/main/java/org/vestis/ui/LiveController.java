package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import org.vestis.UserException;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.FullFrameDetector;
import org.vestis.video.pipeline.Pipeline;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pipeline behind the window. Every change (source, model, detector, top-N, threshold) stops the running
 * pipeline and starts a new one with the new settings, on one worker thread so the window never waits. A model
 * is loaded before the old pipeline stops: a model that fails to load leaves the running one as it was.
 * The source outlives model and detector changes (a clip continues where it was).
 */
final class LiveController {
    /** Told what happened; called from worker threads. */
    interface Listener {
        void status(String message);

        void error(String message);

        /** The settings now running (after a failed change: the unchanged ones, so controls can revert). */
        void applied(LiveSettings settings, String sourceDescription);

        /** True while a change is being applied (a model loading, a camera opening). */
        void busy(boolean busy);
    }

    private static final String FALLBACK_DETECTOR = FullFrameDetector.NAME;

    private final ProjectRoot root;
    private final FrameHandoff handoff;
    private final Recorder recorder;
    private final Listener listener;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-switcher");
        t.setDaemon(true);
        return t;
    });
    /** Per model bundle: its classifier (and garment model), loaded once and kept for switching back. */
    private final Map<Path, PipelineModels> loaded = new HashMap<>();
    // Owned by the worker thread:
    private LiveSettings settings;
    private volatile PlaybackSource source; // read by frameRate() from the event thread
    private Detector detector;
    private Pipeline pipeline;
    private Thread runner;
    private volatile boolean stopping;

    LiveController(ProjectRoot root, FrameHandoff handoff, Recorder recorder, Listener listener) {
        this.root = root;
        this.handoff = handoff;
        this.recorder = recorder;
        this.listener = listener;
    }

    /** The first start: when its source is a camera that does not open, the demo clip plays instead. */
    void start(LiveSettings first) {
        worker.submit(() -> guarded(() -> apply(first, true)));
    }

    void change(LiveSettings next) {
        worker.submit(() -> guarded(() -> apply(next, false)));
    }

    void setPaused(boolean paused) {
        worker.submit(() -> {
            if (source != null) {
                source.setPaused(paused);
            }
        });
    }

    void step() {
        worker.submit(() -> {
            if (source != null) {
                source.step();
            }
        });
    }

    /** The frame rate to record at: the file's own, or 25 for cameras that do not say. */
    double frameRate() {
        PlaybackSource s = source;
        return s != null && s.frameRate() > 0 ? s.frameRate() : 25;
    }

    /** Stops everything and waits for it (window closing). */
    void shutdown() {
        worker.submit(() -> {
            stopRun();
            if (source != null) {
                source.close();
                source = null;
            }
        });
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void guarded(Runnable r) {
        listener.busy(true);
        try {
            r.run();
        } catch (RuntimeException e) {
            listener.error(message(e));
        } finally {
            listener.busy(false);
        }
    }

    private void apply(LiveSettings next, boolean fallbackToDemo) {
        PipelineFactory factory;
        PipelineModels models;
        try {
            factory = new PipelineFactory(next.spec());
            listener.status("Loading model " + root.display(next.model()) + "...");
            models = models(factory);
        } catch (RuntimeException e) {
            String what = next.config() != null && (settings == null || !next.config().equals(settings.config()))
                    ? root.display(next.config()) : root.display(next.model());
            listener.error("Could not switch to " + what + ": " + message(e) + (settings != null ? " Still running " + root.display(settings.model()) + "." : ""));
            if (settings != null) {
                listener.applied(settings, source.description());
            }
            return;
        }
        stopRun();
        List<String> notices = new ArrayList<>(); // shown as one error line once the new run is going
        if (source == null || settings == null || !next.source().equals(settings.source())) {
            PlaybackSource previous = source;
            try {
                source = new PlaybackSource(next.source());
                if (previous != null) {
                    previous.close();
                }
            } catch (RuntimeException e) {
                Path demo = root.demoClip();
                if (fallbackToDemo && isCamera(next.source()) && Files.isRegularFile(demo)) {
                    notices.add(message(e) + " Playing the demo clip " + root.display(demo) + " instead.");
                    source = new PlaybackSource(demo.toString());
                    next = next.withSource(demo.toString());
                } else if (previous != null) {
                    notices.add("Could not open " + next.source() + ": " + message(e) + " Still playing " + previous.description() + ".");
                    next = next.withSource(settings.source());
                } else {
                    listener.error(message(e) + (fallbackToDemo && isCamera(next.source()) ? " The demo clip " + root.display(demo) + " is missing too; open a video file or folder." : ""));
                    return;
                }
            }
        }
        Detector det;
        try {
            det = factory.newDetector();
        } catch (RuntimeException e) {
            notices.add("Detector " + next.detector() + " is not available: " + message(e) + " Using " + FALLBACK_DETECTOR + " instead.");
            det = new FullFrameDetector();
            next = next.withDetector(FALLBACK_DETECTOR);
            factory = new PipelineFactory(next.spec()); // the thresholds of the detector that runs
        }
        settings = next;
        startRun(factory, det, models);
        listener.applied(next, source.description());
        if (!notices.isEmpty()) {
            listener.error(String.join(" ", notices));
        } else {
            listener.status("Running " + source.description() + " through " + root.display(next.model())
                    + " (detector " + next.detector() + ", top-" + next.topN() + ", threshold " + Math.round(next.threshold() * 100) + "%" + (next.minScore() == null ? ", the detector's own" : "") + ").");
        }
    }

    private PipelineModels models(PipelineFactory factory) {
        Path key = factory.spec().model().toAbsolutePath().normalize();
        PipelineModels m = loaded.get(key);
        if (m == null) {
            m = factory.loadModels();
            loaded.put(key, m);
        }
        return m;
    }

    private void startRun(PipelineFactory factory, Detector det, PipelineModels models) {
        detector = det;
        Pipeline p = factory.newLivePipeline(source, det, models, List.of(new WindowSink(handoff, recorder, listener::error)));
        pipeline = p;
        String description = source.description();
        stopping = false;
        runner = new Thread(() -> {
            try {
                p.run(r -> { });
                if (!stopping) {
                    listener.error(description + " ended; choose another source.");
                }
            } catch (Exception e) {
                if (!stopping) {
                    listener.error("Reading " + description + " failed: " + message(e) + " Choose another source.");
                }
            }
        }, "pipeline");
        runner.setDaemon(true);
        runner.start();
    }

    private void stopRun() {
        if (pipeline == null) {
            return;
        }
        stopping = true;
        pipeline.stop();
        source.detach();
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        detector.close();
        pipeline = null;
        detector = null;
    }

    /** A camera index or device, the sources that may simply be absent (the demo clip stands in for them). */
    static boolean isCamera(String source) {
        return source.trim().matches("\\d+|/dev/video\\d+");
    }

    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserException) {
                return t.getMessage();
            }
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
