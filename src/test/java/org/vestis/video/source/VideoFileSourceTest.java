package org.vestis.video.source;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.video.VideoFrame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.NORM_INF;
import static org.bytedeco.opencv.global.opencv_core.norm;

class VideoFileSourceTest extends FrameSourceContract {

    @Override
    protected FrameSource open() {
        return new VideoFileSource(TestVideos.fixture());
    }

    @Override
    protected int expectedFrames() {
        return TestVideos.FIXTURE_FRAMES;
    }

    @Test
    void decodesTheFixtureWithItsRealSizeRateAndLength() {
        long t0 = System.nanoTime();
        int n = 0;
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture())) {
            long t1 = System.nanoTime();
            assertThat(source.frameRate()).isEqualTo(TestVideos.FIXTURE_FPS);
            assertThat(source.frameCount()).isEqualTo(TestVideos.FIXTURE_FRAMES);
            assertThat(source.live()).isFalse();
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    assertThat(frame.index()).isEqualTo(n);
                    assertThat(frame.width()).isEqualTo(TestVideos.FIXTURE_WIDTH);
                    assertThat(frame.height()).isEqualTo(TestVideos.FIXTURE_HEIGHT);
                    assertThat(frame.timestampSeconds()).isCloseTo(n / TestVideos.FIXTURE_FPS, within(1e-3));
                    n++;
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("[source] %s: %d frames %dx%d decoded at %.0f fps (opening %.0f ms)%n", source.description(), n,
                    TestVideos.FIXTURE_WIDTH, TestVideos.FIXTURE_HEIGHT, n / ((t2 - t1) / 1e9), (t1 - t0) / 1e6);
        }
        assertThat(n).isEqualTo(TestVideos.FIXTURE_FRAMES);
    }

    @Test
    void strideThreeGivesEveryThirdFrameWithTheSamePixels() {
        List<VideoFrame> all = readAll(new VideoFileSource(TestVideos.fixture(), 1));
        List<VideoFrame> strided = readAll(new VideoFileSource(TestVideos.fixture(), 3));
        try {
            assertThat(strided).extracting(VideoFrame::index).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L);
            for (VideoFrame f : strided) {
                VideoFrame same = all.get((int) f.index());
                assertThat(f.timestampSeconds()).isEqualTo(same.timestampSeconds());
                assertThat(maxDifference(f.image(), same.image())).as("max pixel difference at frame %d", f.index()).isZero();
            }
        } finally {
            all.forEach(VideoFrame::close);
            strided.forEach(VideoFrame::close);
        }
    }

    @Test
    void aMissingFileIsAUserError(@TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere.mp4");
        assertThatThrownBy(() -> new VideoFileSource(missing))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aCorruptFileIsAUserErrorNamingIt(@TempDir Path tmp) throws Exception {
        Path corrupt = tmp.resolve("corrupt.mp4");
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Files.write(corrupt, noise);
        assertThatThrownBy(() -> new VideoFileSource(corrupt))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(corrupt.toString());
    }

    @Test
    void aTruncatedFileEndsOrFailsAsAUserError(@TempDir Path tmp) throws Exception {
        Path truncated = tmp.resolve("truncated.mp4");
        byte[] whole = Files.readAllBytes(TestVideos.fixture());
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        int frames = 0;
        try (VideoFileSource source = new VideoFileSource(truncated)) {
            VideoFrame frame;
            while ((frame = source.next()) != null) {
                frame.close();
                frames++;
            }
        } catch (UserException e) {
            assertThat(e).hasMessageContaining(truncated.toString());
        }
        assertThat(frames).isLessThan(TestVideos.FIXTURE_FRAMES);
    }

    @Test
    void aFolderIsNotAVideo(@TempDir Path tmp) {
        assertThatThrownBy(() -> new VideoFileSource(tmp)).isInstanceOf(UserException.class).hasMessageContaining(tmp.toString());
    }

    @Test
    void streamUrlsAreLiveAndFileUrlsAreNot() {
        assertThat(Locations.isLiveUrl("rtsp://cam.local:554/stream1")).isTrue();
        assertThat(Locations.isLiveUrl("udp://239.0.0.1:1234")).isTrue();
        assertThat(Locations.isLiveUrl("http://cam.local/video")).isTrue();
        assertThat(Locations.isLiveUrl("https://cdn.example/live/index.m3u8")).isTrue();
        assertThat(Locations.isLiveUrl("https://example.org/clips/walk.mp4?token=1")).isFalse();
        assertThat(Locations.isLiveUrl("file:///tmp/walk.mp4")).isFalse();
        assertThat(Locations.isLiveUrl("/tmp/walk.mp4")).isFalse();
        assertThat(Locations.redact("rtsp://admin:secret@cam.local/stream")).isEqualTo("rtsp://cam.local/stream");
    }

    @Test
    void anUnreachableStreamIsAUserErrorWithoutThePassword() {
        // Port 1 on the loopback refuses at once: no network and no waiting needed.
        assertThatThrownBy(() -> new VideoFileSource("rtsp://admin:secret@127.0.0.1:1/stream", 1))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("rtsp://127.0.0.1:1/stream")
                .hasMessageNotContaining("secret");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestVideos.DATA_ENV, matches = ".+",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder to decode the full clips")
    void decodesTheAnimatedGif() {
        List<VideoFrame> frames = readAll(new VideoFileSource(TestVideos.sharedVideo("face-demographics-walking.gif")));
        try {
            assertThat(frames).hasSize(35);
            assertThat(frames).allSatisfy(f -> {
                assertThat(f.width()).isEqualTo(480);
                assertThat(f.height()).isEqualTo(270);
            });
            assertThat(frames.get(34).timestampSeconds()).isGreaterThan(2.5);
            // An animation, not one picture 35 times.
            assertThat(maxDifference(frames.get(0).image(), frames.get(34).image())).isPositive();
        } finally {
            frames.forEach(VideoFrame::close);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestVideos.DATA_ENV, matches = ".+",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder to decode the full clips")
    void stridesThroughTheFullClip() {
        long t0 = System.nanoTime();
        try (VideoFileSource source = new VideoFileSource(TestVideos.sharedVideo("one-by-one-person-detection.mp4"), 10)) {
            assertThat(source.frameCount()).isEqualTo(1394);
            long expected = 0;
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    assertThat(frame.index()).isEqualTo(expected);
                    assertThat(frame.width()).isEqualTo(768);
                    assertThat(frame.height()).isEqualTo(432);
                    assertThat(frame.timestampSeconds()).isCloseTo(expected / 10.0, within(1e-3));
                    expected += 10;
                }
            }
            assertThat(expected).isEqualTo(1400); // frames 0, 10, ..., 1390
        }
        System.out.printf("[source] full clip, stride 10: 1394 frames decoded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    static double maxDifference(Mat a, Mat b) {
        try (Mat noMask = new Mat()) {
            return norm(a, b, NORM_INF, noMask);
        }
    }

    static List<VideoFrame> readAll(FrameSource source) {
        List<VideoFrame> frames = new ArrayList<>();
        try (source) {
            VideoFrame f;
            while ((f = source.next()) != null) {
                frames.add(f);
            }
        } catch (Exception e) {
            frames.forEach(VideoFrame::close);
            throw new AssertionError(e);
        }
        return frames;
    }
}
