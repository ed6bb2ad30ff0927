package org.vestis.ui;

import org.junit.jupiter.api.Test;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window's playback of the real fixture clip (30 frames at 10 fps): real time, looping, pause, step, detach. */
class PlaybackSourceTest {

    private static CompletableFuture<VideoFrame> nextAsync(PlaybackSource s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.next();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void playsInRealTimeAndLoopsWithContinuingIndices() throws Exception {
        try (PlaybackSource s = new PlaybackSource(TestVideos.fixture().toString())) {
            long start = System.nanoTime();
            double lastTime = -1;
            for (int i = 0; i < TestVideos.FIXTURE_FRAMES + 5; i++) {
                try (VideoFrame f = s.next()) {
                    assertThat(f.index()).isEqualTo(i);
                    assertThat(f.timestampSeconds()).isGreaterThan(lastTime);
                    lastTime = f.timestampSeconds();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // 34 frame periods of 0.1 s; a little slack below for timer granularity.
            assertThat(seconds).isGreaterThan(3.2);
        }
    }

    @Test
    void pauseHoldsFramesStepLetsOneThroughAndDetachReleasesTheReader() throws Exception {
        try (PlaybackSource s = new PlaybackSource(TestVideos.fixture().toString())) {
            s.next().close();
            s.setPaused(true);
            CompletableFuture<VideoFrame> waiting = nextAsync(s);
            assertThatThrownBy(() -> waiting.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            s.step();
            try (VideoFrame f = waiting.get(5, TimeUnit.SECONDS)) {
                assertThat(f.index()).isEqualTo(1);
            }
            CompletableFuture<VideoFrame> held = nextAsync(s);
            assertThatThrownBy(() -> held.get(500, TimeUnit.MILLISECONDS)).as("one step, one frame").isInstanceOf(TimeoutException.class);
            s.detach();
            assertThat(held.get(5, TimeUnit.SECONDS)).as("a detached read ends the run reading it").isNull();

            s.setPaused(false);
            try (VideoFrame f = s.next()) {
                assertThat(f.index()).as("the next run continues the clip").isEqualTo(2);
            }
        }
    }
}
