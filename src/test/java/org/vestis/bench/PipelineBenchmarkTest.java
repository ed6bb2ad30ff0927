package org.vestis.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;
import org.vestis.video.source.VideoFileSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineBenchmarkTest {

    @Test
    void preparesA640x480InputByRepeatingTheClipAndReusesIt(@TempDir Path work) throws Exception {
        int frames = TestVideos.FIXTURE_FRAMES + 12; // more than the clip has: it must repeat
        Path input = PipelineBenchmark.prepareInput(TestVideos.fixture(), work, frames);
        assertThat(input.getFileName().toString()).isEqualTo("walking-640x480-" + frames + ".mp4");
        try (VideoFileSource source = new VideoFileSource(input)) {
            double last = -1;
            int n = 0;
            for (VideoFrame f = source.next(); f != null; f = source.next()) {
                assertThat(f.width()).isEqualTo(PipelineBenchmark.WIDTH);
                assertThat(f.height()).isEqualTo(PipelineBenchmark.HEIGHT);
                assertThat(f.timestampSeconds()).isGreaterThan(last);
                last = f.timestampSeconds();
                f.close();
                n++;
            }
            assertThat(n).isEqualTo(frames);
        }
        // A shorter run reuses the longer file instead of encoding again.
        assertThat(PipelineBenchmark.prepareInput(TestVideos.fixture(), work, 10)).isEqualTo(input);
    }

    @Test
    void firstFramesStopsAtItsLimit() throws Exception {
        try (PipelineBenchmark.FirstFrames source = new PipelineBenchmark.FirstFrames(new VideoFileSource(TestVideos.fixture()), 7)) {
            int n = 0;
            VideoFrame f;
            while ((f = source.next()) != null) {
                f.close();
                n++;
            }
            assertThat(n).isEqualTo(7);
            assertThat(source.frameCount()).isEqualTo(7);
            assertThat(source.live()).isFalse();
        }
    }

    @Test
    void readsTheResidentMemoryOfThisProcess() {
        assertThat(PipelineBenchmark.rssKiB()).isGreaterThan(1024);
    }
}
