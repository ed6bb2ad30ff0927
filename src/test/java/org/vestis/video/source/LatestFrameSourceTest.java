package org.vestis.video.source;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.video.VideoFrame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** The latest-frame-wins logic cameras and live streams rely on, with a fake fast "camera". */
class LatestFrameSourceTest {

    /** Delivers {@code total} tiny frames, one every {@code intervalMillis}, then ends (or fails). */
    static final class FakeCamera implements FrameSource {
        final int total;
        final long intervalMillis;
        final boolean failAtEnd;
        final AtomicInteger open = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        int next;

        FakeCamera(int total, long intervalMillis, boolean failAtEnd) {
            this.total = total;
            this.intervalMillis = intervalMillis;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public VideoFrame next() throws IOException {
            if (next == total) {
                if (failAtEnd) {
                    throw new IOException("unplugged");
                }
                return null;
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            open.incrementAndGet();
            return new VideoFrame(next, next++ / 100.0, new Mat(4, 4, CV_8UC3));
        }

        @Override
        public double frameRate() {
            return 100;
        }

        @Override
        public long frameCount() {
            return -1;
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public String description() {
            return "fake camera";
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aSlowConsumerGetsNewerFramesAndTheRestAreDropped() throws Exception {
        FakeCamera camera = new FakeCamera(60, 2, false);
        List<Long> seen = new ArrayList<>();
        try (LatestFrameSource source = new LatestFrameSource(camera)) {
            assertThat(source.live()).isTrue();
            while (true) {
                try (VideoFrame f = source.next()) {
                    if (f == null) {
                        break;
                    }
                    seen.add(f.index());
                    Thread.sleep(15); // much slower than the camera
                }
            }
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        assertThat(seen.get(seen.size() - 1)).as("the last frame is never dropped").isEqualTo(59);
        assertThat(seen.size()).as("frames the slow consumer saw").isLessThan(60);
        assertThat(camera.closed).isTrue();
    }

    @Test
    void aFailureReachesTheConsumerAfterTheLastFrame() throws Exception {
        FakeCamera camera = new FakeCamera(3, 1, true);
        try (LatestFrameSource source = new LatestFrameSource(camera)) {
            Thread.sleep(100);
            VideoFrame last = source.next();
            assertThat(last.index()).isEqualTo(2);
            last.close();
            assertThatThrownBy(source::next).isInstanceOf(IOException.class).hasMessage("unplugged");
        }
    }

    @Test
    void closingWhileTheCameraRunsStopsItAndReleasesTheWaitingFrame() throws Exception {
        FakeCamera camera = new FakeCamera(Integer.MAX_VALUE, 1, false);
        LatestFrameSource source = new LatestFrameSource(camera);
        source.next().close();
        Thread.sleep(20);
        source.close();
        source.close();
        assertThat(camera.closed).isTrue();
    }
}
