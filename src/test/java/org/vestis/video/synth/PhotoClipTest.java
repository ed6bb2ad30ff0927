package org.vestis.video.synth;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.VideoFrame;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class PhotoClipTest {
    static final int W = 80, H = 120;
    /** The "person": a red block in the middle of a grey photo. */
    static final int PX = 30, PY = 40, PW = 20, PH = 40;

    static Mat photo() {
        Mat photo = new Mat(H, W, CV_8UC3, new Scalar(128, 128, 128, 0));
        try (Mat person = new Mat(photo, new Rect(PX, PY, PW, PH))) {
            person.put(new Scalar(30, 30, 220, 0)); // fills the block in place
        }
        return photo;
    }

    static byte[] bytes(Mat m) {
        byte[] b = new byte[m.rows() * m.cols() * 3];
        m.data().get(b);
        return b;
    }

    /** The centre of the red pixels (red well above green), x then y. */
    static double[] redCentre(Mat frame) {
        double sx = 0, sy = 0;
        int n = 0;
        try (UByteIndexer px = frame.createIndexer()) {
            for (int y = 0; y < frame.rows(); y++) {
                for (int x = 0; x < frame.cols(); x++) {
                    if (px.get(y, x, 2) - px.get(y, x, 1) > 80) {
                        sx += x;
                        sy += y;
                        n++;
                    }
                }
            }
        }
        return new double[]{sx / n, sy / n};
    }

    @Test
    void sameSeedSameClipAndTheFramesDiffer() {
        try (Mat photo = photo();
             PhotoClip a = PhotoClip.of(photo, 8, new Random(3));
             PhotoClip b = PhotoClip.of(photo, 8, new Random(3));
             PhotoClip c = PhotoClip.of(photo, 8, new Random(4))) {
            assertThat(a.frames()).hasSize(8);
            for (int i = 0; i < 8; i++) {
                assertThat(a.frames().get(i).cols()).isEqualTo(W);
                assertThat(a.frames().get(i).rows()).isEqualTo(H);
                assertThat(bytes(a.frames().get(i))).isEqualTo(bytes(b.frames().get(i)));
                assertThat(bytes(a.frames().get(i))).isNotEqualTo(bytes(c.frames().get(i)));
            }
            assertThat(a.placements()).isEqualTo(b.placements());
            assertThat(a.blurs()).isEqualTo(b.blurs());
            assertThat(bytes(a.frames().get(0))).isNotEqualTo(bytes(a.frames().get(1)));
        }
    }

    @Test
    void thePersonMovesWhereThePlacementSays() {
        try (Mat photo = photo(); PhotoClip clip = PhotoClip.of(photo, 12, new Random(7))) {
            Box first = clip.placements().get(0), last = clip.placements().get(11);
            assertThat(Math.abs(last.x() - first.x())).as("drifts across the frame").isGreaterThan(0.3 * (W - Math.max(first.width(), last.width())));
            for (int i = 0; i < 12; i++) {
                Box p = clip.placements().get(i);
                double s = p.width() / W;
                assertThat(s).isBetween(0.78, 0.95);
                double[] centre = redCentre(clip.frames().get(i));
                assertThat(centre[0]).as("frame %d x", i).isCloseTo(p.x() + s * (PX + PW / 2.0), within(2.0));
                assertThat(centre[1]).as("frame %d y", i).isCloseTo(p.y() + s * (PY + PH / 2.0), within(2.0));
            }
        }
    }

    @Test
    void someFramesBlurAndTheBackgroundIsThePhotosBorder() {
        try (Mat photo = photo(); PhotoClip clip = PhotoClip.of(photo, 40, new Random(1))) {
            assertThat(clip.blurs()).contains("motion", "defocus", "sharp");
            assertThat(PhotoClip.borderMean(photo).get(0)).isEqualTo(128.0);
        }
    }

    @Test
    void theSourceGivesEveryFrameInOrderAsCopies() throws Exception {
        try (Mat photo = photo(); PhotoClip clip = PhotoClip.of(photo, 3, new Random(1));
             ClipSource source = new ClipSource("clip", clip.frames(), 10)) {
            assertThat(source.frameCount()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                try (VideoFrame f = source.next()) {
                    assertThat(f.index()).isEqualTo(i);
                    assertThat(f.width()).isEqualTo(W);
                    assertThat(f.timestampSeconds()).isEqualTo(i / 10.0);
                    assertThat(bytes(f.image())).isEqualTo(bytes(clip.frames().get(i)));
                }
            }
            assertThat(source.next()).isNull();
            assertThat(clip.frames().get(0).isNull()).isFalse(); // the clip's own frames were not closed
        }
    }
}
