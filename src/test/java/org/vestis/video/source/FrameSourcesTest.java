package org.vestis.video.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.video.VideoFrame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FrameSourcesTest {

    @Test
    void aFileOpensAsAVideoWithTheStride() {
        FrameSource source = FrameSources.open(TestVideos.fixture().toString(), 3);
        assertThat(source).isInstanceOf(VideoFileSource.class);
        List<VideoFrame> frames = VideoFileSourceTest.readAll(source); // closes the source
        frames.forEach(VideoFrame::close);
        assertThat(frames).extracting(VideoFrame::index).startsWith(0L, 3L, 6L);
    }

    @Test
    void aFolderOpensAsImages(@TempDir Path folder) throws Exception {
        try (VideoFileSource video = new VideoFileSource(TestVideos.fixture()); var frame = video.next()) {
            assertThat(imwrite(folder.resolve("a.png").toString(), frame.image())).isTrue();
        }
        try (FrameSource source = FrameSources.open(folder.toString(), 1)) {
            assertThat(source).isInstanceOf(ImageFolderSource.class);
            assertThat(source.frameCount()).isEqualTo(1);
        }
    }

    @Test
    void digitsAndVideoDevicesMeanACamera() {
        assumeFalse(Files.exists(Path.of("/dev/video0")), "this machine has a camera");
        assertThatThrownBy(() -> FrameSources.open("0", 1)).isInstanceOf(UserException.class).hasMessageStartingWith("No camera");
        assertThatThrownBy(() -> FrameSources.open("/dev/video0", 1)).isInstanceOf(UserException.class).hasMessageStartingWith("No camera");
    }

    @Test
    void aUrlOpensAsAStream() {
        assertThatThrownBy(() -> FrameSources.open("rtsp://127.0.0.1:1/live", 1))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("stream rtsp://127.0.0.1:1/live");
    }

    @Test
    void anythingElseDoesNotExist(@TempDir Path tmp) {
        String missing = tmp.resolve("walk.mp4").toString();
        assertThatThrownBy(() -> FrameSources.open(missing, 1))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("Input " + missing + " does not exist");
    }

    @Test
    void aStrideBelowOneIsAUserError() {
        assertThatThrownBy(() -> FrameSources.open(TestVideos.fixture().toString(), 0)).isInstanceOf(UserException.class);
    }
}
