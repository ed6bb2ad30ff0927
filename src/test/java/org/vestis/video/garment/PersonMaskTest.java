package org.vestis.video.garment;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

/** The landmark model's person mask mapped onto frame regions, and garment colours read through it. */
class PersonMaskTest {
    /** A 4x4-cell mask over the square at (10, 20) of side 64: each cell is 16 frame pixels wide. */
    static PersonMask oneCell(int row, int col) {
        float[] logits = new float[16];
        java.util.Arrays.fill(logits, -3f);
        logits[row * 4 + col] = 2f;
        return PersonMask.ofLogits(logits, 4, new Box(10, 20, 64, 64));
    }

    @Test
    void aCellCoversTheFramePixelsItStandsFor() {
        PersonMask mask = oneCell(1, 2); // frame x 42..57, y 36..51
        try (Mat m = mask.over(0, 0, 100, 100); UByteIndexer px = m.createIndexer()) {
            assertThat(countNonZero(m)).isEqualTo(16 * 16);
            assertThat(px.get(36, 42)).isEqualTo(255);
            assertThat(px.get(51, 57)).isEqualTo(255);
            assertThat(px.get(35, 42)).isZero();
            assertThat(px.get(36, 58)).isZero();
        }
        // a region of interest starting inside the cell: its own corner is covered
        try (Mat m = mask.over(50, 40, 30, 30); UByteIndexer px = m.createIndexer()) {
            assertThat(px.get(0, 0)).isEqualTo(255);
            assertThat(countNonZero(m)).isEqualTo(8 * 12);
        }
        // outside the model's square nothing is covered
        try (Mat m = mask.over(80, 0, 20, 20)) {
            assertThat(countNonZero(m)).isZero();
        }
    }

    @Test
    void aLogitAboveZeroIsInside() {
        PersonMask mask = PersonMask.ofLogits(new float[] {0.01f, 0f, -0.01f, 5f}, 2, new Box(0, 0, 2, 2));
        assertThat(mask.inside()).containsExactly(true, false, false, true);
        assertThatThrownBy(() -> new PersonMask(new boolean[3], 2, new Box(0, 0, 2, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coloursAreReadFromThePersonsPixelsWhenTheMaskCoversEnough() {
        try (Mat frame = new Mat(100, 100, CV_8UC3, new Scalar(40, 40, 200, 0))) { // red ground (BGR)
            try (Rect cell = new Rect(42, 36, 16, 16); Mat inside = new Mat(frame, cell)) {
                inside.put(new Scalar(200, 60, 30, 0)); // a blue garment where the mask says the person is
            }
            Box region = new Box(30, 30, 40, 40); // mostly ground
            assertThat(GarmentObserver.colourOf(frame, region, oneCell(1, 2), null)).isEqualTo("blue");
            assertThat(GarmentObserver.colourOf(frame, region, null, null)).isEqualTo("red");
            // a mask covering under ColourNames.MIN_PIXELS of the region: the whole region votes
            Box corner = new Box(54, 48, 30, 30); // 4 x 4 of the cell
            assertThat(GarmentObserver.colourOf(frame, corner, oneCell(1, 2), null)).isEqualTo("red");
        }
    }
}
