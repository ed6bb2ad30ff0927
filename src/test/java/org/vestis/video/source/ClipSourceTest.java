package org.vestis.video.source;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vestis.video.VideoFrame;
import org.vestis.video.synth.ClipSource;

import java.util.List;

/** The synthetic clips' source (video/synth), over every third frame of the committed walking clip held in memory. */
class ClipSourceTest extends FrameSourceContract {
    private static List<Mat> clip;

    @BeforeAll
    static void holdTheClip() {
        List<VideoFrame> frames = VideoFileSourceTest.readAll(new VideoFileSource(TestVideos.fixture(), 3));
        clip = frames.stream().map(f -> f.image().clone()).toList();
        frames.forEach(VideoFrame::close);
    }

    @AfterAll
    static void release() {
        clip.forEach(Mat::close);
    }

    @Override
    protected FrameSource open() {
        return new ClipSource("walking clip in memory", clip, TestVideos.FIXTURE_FPS / 3);
    }

    @Override
    protected int expectedFrames() {
        return TestVideos.FIXTURE_FRAMES / 3;
    }
}
