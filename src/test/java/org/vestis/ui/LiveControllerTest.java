package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.vestis.video.source.TestVideos;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's controller without the window, on the real clip and model: a file that does not exist and a model
 * that does not exist are reported, and frames keep coming from what was running before; a good change applies.
 */
class LiveControllerTest {
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicReference<LiveSettings> applied = new AtomicReference<>();
    private final AtomicLong lastFrame = new AtomicLong(-1);
    private final AtomicLong framesShown = new AtomicLong();

    private final LiveController.Listener listener = new LiveController.Listener() {
        @Override
        public void status(String message) {
        }

        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void applied(LiveSettings settings, String sourceDescription) {
            applied.set(settings);
        }

        @Override
        public void busy(boolean busy) {
        }
    };

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Frames shown go on increasing (the clip plays, and loops). */
    private void awaitMoreFrames(int more) throws InterruptedException {
        long target = framesShown.get() + more;
        await(() -> framesShown.get() >= target, more + " more frames");
    }

    @Test
    void badFileAndMissingModelAreReportedAndPlaybackGoesOn() throws Exception {
        ProjectRoot root = new ProjectRoot(Path.of("").toAbsolutePath());
        FrameHandoff handoff = new FrameHandoff(s -> {
            lastFrame.set(s.result().frameIndex());
            framesShown.incrementAndGet();
        });
        LiveController controller = new LiveController(root, handoff, new Recorder(), listener);
        LiveSettings first = new LiveSettings(TestVideos.fixture().toString(), null,
                Path.of("models/fashion-mnist-seed-cnn").toAbsolutePath(), "full-frame", 5, 0.5, "");
        try {
            controller.start(first);
            awaitMoreFrames(5);
            assertThat(applied.get()).isEqualTo(first);

            controller.change(first.withSource("no-such-video.mp4"));
            await(() -> !errors.isEmpty(), "the bad file to be reported");
            assertThat(errors.get(0)).contains("Could not open no-such-video.mp4", "does not exist", "Still playing");
            awaitMoreFrames(5);
            assertThat(applied.get().source()).isEqualTo(first.source());

            controller.change(first.withModel(null, Path.of("models/no-such-model").toAbsolutePath()));
            await(() -> errors.size() >= 2, "the missing model to be reported");
            assertThat(errors.get(1)).contains("Could not switch to models/no-such-model", "Still running models/fashion-mnist-seed-cnn");
            assertThat(applied.get().model()).isEqualTo(first.model());
            awaitMoreFrames(5);

            LiveSettings better = first.withModel(null, Path.of("models/fashion-mnist-cnn").toAbsolutePath()).withTopN(3);
            long before = lastFrame.get();
            controller.change(better);
            await(() -> better.equals(applied.get()), "the good change to apply");
            awaitMoreFrames(5);
            assertThat(lastFrame.get()).as("the clip continued instead of starting over").isGreaterThan(before);
            assertThat(errors).hasSize(2);
        } finally {
            controller.shutdown();
        }
    }

    /** The window checks its pipeline settings as analyze checks its flags: a bad value is one sentence, nothing starts. */
    @Test
    void aBadSettingIsOneSentenceAndNothingStarts(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path config = java.nio.file.Files.writeString(tmp.resolve("bad.yaml"), "pipeline:\n  center-fraction: 1.5\n");
        ProjectRoot root = new ProjectRoot(Path.of("").toAbsolutePath());
        LiveController controller = new LiveController(root, new FrameHandoff(s -> framesShown.incrementAndGet()), new Recorder(), listener);
        LiveSettings settings = new LiveSettings(TestVideos.fixture().toString(), config, Path.of("models/fashion-mnist-cnn").toAbsolutePath(),
                "center", 5, null, "");
        try {
            controller.start(settings);
            await(() -> !errors.isEmpty(), "the bad config to be reported");
            assertThat(errors.get(0)).isEqualTo("Could not switch to " + root.display(config) + ": In " + config
                    + ": center-fraction must be above 0 and at most 1.");

            controller.start(settings.withModel(null, settings.model()).withTopN(0));
            await(() -> errors.size() >= 2, "the bad top-N to be reported");
            assertThat(errors.get(1)).isEqualTo("Could not switch to models/fashion-mnist-cnn: In the window's settings: top-n must be at least 1.");
            assertThat(applied.get()).as("nothing ran").isNull();
            assertThat(framesShown.get()).isZero();
        } finally {
            controller.shutdown();
        }
    }
}
