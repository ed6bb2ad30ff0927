package org.vestis.video.garment;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

/** A person's skin colour from their face, and that skin kept out of a garment's pixels. */
class SkinToneTest {
    static final Scalar SKIN = new Scalar(140, 172, 224, 0);       // BGR of a light skin
    static final Scalar SKIN_SHADED = new Scalar(112, 138, 180, 0); // the same skin at 80% light
    static final Scalar BLUE = new Scalar(200, 60, 30, 0);
    static final Scalar BEIGE = new Scalar(160, 200, 220, 0);       // a garment near, but not at, the skin colour
    static final Box PERSON = new Box(100, 40, 100, 300);

    /** A grey frame with the person's head painted in the skin colour. */
    static Mat frameWithFace() {
        Mat frame = new Mat(400, 300, CV_8UC3, new Scalar(128, 128, 128, 0));
        try (Rect head = new Rect(100, 40, 100, 60); Mat roi = new Mat(frame, head)) {
            roi.put(SKIN);
        }
        return frame;
    }

    @Test
    void theFacesColourIsTheSkinAndOnlyNearColoursCount() {
        try (Mat frame = frameWithFace()) {
            SkinTone skin = SkinTone.of(frame, Poses.facing(PERSON).landmarks()).orElseThrow();
            assertThat(skin.l()).isBetween(70f, 80f);
            try (Mat patch = new Mat(4, 4, CV_8UC3); Mat mask = new Mat(4, 4, CV_8UC1, new Scalar(255))) {
                paint(patch, 0, SKIN);
                paint(patch, 1, SKIN_SHADED);
                paint(patch, 2, BLUE);
                paint(patch, 3, BEIGE);
                skin.clearFrom(patch, mask);
                try (UByteIndexer m = mask.createIndexer()) {
                    assertThat(m.get(0, 0)).as("skin").isZero();
                    assertThat(m.get(1, 0)).as("shaded skin").isZero();
                    assertThat(m.get(2, 0)).as("blue").isEqualTo(255);
                    assertThat(m.get(3, 0)).as("beige").isEqualTo(255);
                }
                assertThat(countNonZero(mask)).isEqualTo(8);
            }
        }
    }

    @Test
    void noSkinColourWithoutAFaceSeenFromTheFront() {
        try (Mat frame = frameWithFace()) {
            assertThat(SkinTone.of(frame, Poses.fromBehind(PERSON).landmarks())).isEqualTo(Optional.empty());
            assertThat(SkinTone.of(frame, Poses.facing(PERSON).visibility(PoseLandmarks.NOSE, 0.5).landmarks())).isEmpty();
            // a face a pixel or two across
            assertThat(SkinTone.of(frame, Poses.facing(new Box(100, 40, 4, 12)).landmarks())).isEmpty();
        }
    }

    private static void paint(Mat patch, int row, Scalar colour) {
        try (Rect r = new Rect(0, row, 4, 1); Mat roi = new Mat(patch, r)) {
            roi.put(colour);
        }
    }
}
