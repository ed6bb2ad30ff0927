package org.vestis.video.source;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

/** A folder of five real frames (PNG, JPEG and BMP), one broken "photo" and one file that is no image. */
class ImageFolderSourceTest extends FrameSourceContract {
    private static final int GOOD = 5;
    private static List<VideoFrame> frames;

    @TempDir
    Path folder;

    @BeforeAll
    static void decodeFrames() {
        frames = VideoFileSourceTest.readAll(new VideoFileSource(TestVideos.fixture(), 6)).subList(0, GOOD);
    }

    @AfterAll
    static void releaseFrames() {
        frames.forEach(VideoFrame::close);
    }

    @BeforeEach
    void writeFolder() throws Exception {
        String[] names = {"frame-0.png", "frame-1.jpg", "frame-3.bmp", "frame-4.JPEG", "frame-5.png"};
        for (int i = 0; i < GOOD; i++) {
            assertThat(imwrite(folder.resolve(names[i]).toString(), frames.get(i).image())).isTrue();
        }
        Files.write(folder.resolve("frame-2.jpg"), "not a JPEG at all".getBytes()); // sorts between good ones
        Files.writeString(folder.resolve("notes.txt"), "ignored: not an image name");
        Files.createDirectory(folder.resolve("sub.png")); // a folder with an image-like name is no image either
    }

    @Override
    protected FrameSource open() {
        return new ImageFolderSource(folder);
    }

    @Override
    protected int expectedFrames() {
        return GOOD;
    }

    @Test
    void skipsTheBrokenFileCountsItAndKeepsListPositionsAsIndices() throws Exception {
        try (ImageFolderSource source = new ImageFolderSource(folder)) {
            assertThat(source.frameCount()).isEqualTo(GOOD + 1);
            assertThat(source.frameRate()).isZero();
            List<VideoFrame> read = VideoFileSourceTest.readAll(source);
            try {
                assertThat(read).extracting(VideoFrame::index).containsExactly(0L, 1L, 3L, 4L, 5L);
                // PNG and BMP are lossless: exactly the pixels written.
                assertThat(VideoFileSourceTest.maxDifference(read.get(0).image(), frames.get(0).image())).isZero();
                assertThat(VideoFileSourceTest.maxDifference(read.get(2).image(), frames.get(2).image())).isZero();
            } finally {
                read.forEach(VideoFrame::close);
            }
            assertThat(source.skippedNames()).hasSize(1);
        }
    }

    @Test
    void strideSkipsFilesByPosition() {
        List<VideoFrame> read = VideoFileSourceTest.readAll(new ImageFolderSource(folder, 2));
        try {
            assertThat(read).extracting(VideoFrame::index).containsExactly(0L, 4L); // position 2 is the broken one
        } finally {
            read.forEach(VideoFrame::close);
        }
    }

    @Test
    void reportsTheSizeOfTheLastImageWhenSizesDiffer() throws Exception {
        try (Mat small = new Mat(frames.get(0).image(), new org.bytedeco.opencv.opencv_core.Rect(0, 0, 320, 200))) {
            assertThat(imwrite(folder.resolve("frame-9.png").toString(), small)).isTrue();
        }
        try (ImageFolderSource source = new ImageFolderSource(folder)) {
            VideoFrame f;
            VideoFrame last = null;
            while ((f = source.next()) != null) {
                if (last != null) {
                    last.close();
                }
                last = f;
            }
            assertThat(last).isNotNull();
            assertThat(last.width()).isEqualTo(320);
            assertThat(last.height()).isEqualTo(200);
            last.close();
        }
    }

    @Test
    void aFolderWithoutImagesOrAMissingFolderIsAUserError(@TempDir Path empty) {
        assertThatThrownBy(() -> new ImageFolderSource(empty)).isInstanceOf(UserException.class).hasMessageContaining(empty.toString());
        Path missing = empty.resolve("missing");
        assertThatThrownBy(() -> new ImageFolderSource(missing)).isInstanceOf(UserException.class).hasMessageContaining("does not exist");
    }
}
