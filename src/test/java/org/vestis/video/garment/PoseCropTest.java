package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The square the landmark model sees, and the boxes extended past a frame edge that cuts a person off. */
class PoseCropTest {

    @Test
    void aSquareOfOneAndAQuarterTheLongerSideAroundTheBoxCentre() {
        PoseCrop crop = PoseCrop.around(new Box(100, 50, 80, 240));
        assertThat(crop.centerX()).isEqualTo(140);
        assertThat(crop.centerY()).isEqualTo(170);
        assertThat(crop.side()).isEqualTo(300);
        assertThat(crop.box()).isEqualTo(new Box(-10, 20, 300, 300));
    }

    @Test
    void mapsModelInputPixelsBackToTheFrame() {
        PoseCrop crop = new PoseCrop(200, 300, 512);
        assertThat(crop.frameX(0, 256)).isEqualTo(-56);
        assertThat(crop.frameX(128, 256)).isEqualTo(200);
        assertThat(crop.frameY(256, 256)).isEqualTo(556);
        assertThat(crop.frameLength(10, 256)).isEqualTo(20);
    }

    @Test
    void aShortBoxAtTheBottomEdgeIsExtendedDownToAWholePersonsHeight() {
        Box cut = new Box(100, 200, 100, 278); // bottom at 478 of 480: within the 5% margin
        Box whole = PoseCrop.wholeBody(cut, 480, PoseCrop.FULL_BODY_ASPECT);
        assertThat(whole).isEqualTo(new Box(100, 200, 100, 320));
        assertThat(PoseCrop.around(cut, 480)).isEqualTo(PoseCrop.around(whole));
        assertThat(PoseCrop.around(cut, 480).centerY()).isCloseTo(360, within(1e-9));
    }

    @Test
    void aShortBoxAtTheTopEdgeIsExtendedUpwards() {
        Box cut = new Box(100, 0, 100, 200);
        assertThat(PoseCrop.wholeBody(cut, 480, PoseCrop.FULL_BODY_ASPECT)).isEqualTo(new Box(100, -120, 100, 320));
    }

    @Test
    void otherBoxesAreLeftAlone() {
        double full = PoseCrop.FULL_BODY_ASPECT;
        Box inside = new Box(100, 100, 100, 200);
        assertThat(PoseCrop.wholeBody(inside, 480, full)).as("inside the frame").isEqualTo(inside);
        Box fills = new Box(100, 0, 200, 480);
        assertThat(PoseCrop.wholeBody(fills, 480, full)).as("filling the frame's height").isEqualTo(fills);
        Box tall = new Box(100, 100, 100, 380);
        assertThat(PoseCrop.wholeBody(tall, 480, full)).as("as tall as a whole person").isEqualTo(tall);
        Box nearTop = new Box(100, 10, 100, 200); // 2% below the top: a whole person's head often is
        assertThat(PoseCrop.wholeBody(nearTop, 480, full)).as("near the top but not at it").isEqualTo(nearTop);
        assertThat(PoseCrop.around(inside, 480)).isEqualTo(PoseCrop.around(inside));
    }
}
