package org.vestis.video.source;

import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.VideoFrame;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.sumElems;

/**
 * What every finite {@link FrameSource} promises, run against each implementation (BoofCV style): subclasses
 * say how to open one and how many frames it must give. Run for video files ({@link VideoFileSourceTest}), image
 * folders ({@link ImageFolderSourceTest}) and in-memory synthetic clips ({@link ClipSourceTest}). A camera
 * ({@link CameraSource}) cannot run here: the build machines have no video device, and a live source has no end
 * and drops frames by design, so it could not keep these promises anyway; {@code CameraSourceTest} checks that a
 * missing camera fails in one sentence and {@code LatestFrameSourceTest} checks the newest-frame-wins behaviour.
 */
abstract class FrameSourceContract {

    protected abstract FrameSource open() throws Exception;

    protected abstract int expectedFrames();

    @Test
    void everyFrameIsANonEmptyBgrImage() throws Exception {
        try (FrameSource source = open()) {
            int n = 0;
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    assertThat(frame.image()).isNotNull();
                    assertThat(frame.image().empty()).isFalse();
                    assertThat(frame.image().type()).isEqualTo(CV_8UC3);
                    assertThat(frame.width()).isPositive();
                    assertThat(frame.height()).isPositive();
                    n++;
                }
            }
            assertThat(n).isEqualTo(expectedFrames());
        }
    }

    @Test
    void indicesAndTimestampsNeverGoBack() throws Exception {
        List<Long> indices = new ArrayList<>();
        double lastTime = -1;
        try (FrameSource source = open()) {
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    indices.add(frame.index());
                    assertThat(frame.timestampSeconds()).isGreaterThanOrEqualTo(lastTime);
                    lastTime = frame.timestampSeconds();
                }
            }
        }
        assertThat(indices).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(indices.get(0)).isNotNegative();
    }

    @Test
    void givesNullAtTheEndAndKeepsGivingIt() throws Exception {
        try (FrameSource source = open()) {
            for (int i = 0; i < expectedFrames(); i++) {
                source.next().close();
            }
            assertThat(source.next()).isNull();
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void framesStayValidAfterLaterFramesAreRead() throws Exception {
        try (FrameSource source = open(); VideoFrame first = source.next()) {
            double before = sum(first);
            VideoFrame second = source.next();
            if (second != null) {
                second.close();
            }
            assertThat(sum(first)).isEqualTo(before);
        }
    }

    static double sum(VideoFrame frame) {
        try (Scalar s = sumElems(frame.image())) {
            return s.get(0) + s.get(1) + s.get(2);
        }
    }

    @Test
    void closeIsIdempotentAndCanComeBeforeTheEnd() throws Exception {
        FrameSource source = open();
        source.next().close();
        source.close();
        source.close();
    }

    @Test
    void describesItselfAndIsNotLive() throws Exception {
        try (FrameSource source = open()) {
            assertThat(source.description()).isNotBlank();
            assertThat(source.live()).isFalse();
            assertThat(source.frameCount() == -1 || source.frameCount() >= expectedFrames())
                    .as("frame count %d: -1 or at least the frames given", source.frameCount()).isTrue();
            assertThat(source.frameRate()).isNotNegative();
        }
    }
}
