package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.vestis.video.BodyPart;
import org.vestis.video.Box;
import org.vestis.video.RegionSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vestis.video.garment.PoseLandmarks.*;

/** Body regions from hand-made landmarks: the geometry, what is out of view, and when the box proportions take over. */
class BodyRegionsTest {
    private static final int W = 640, H = 480;
    /** A person 300 px tall: shoulders at y 157, hips at 250, so the torso length is 93 px. */
    private static final Box PERSON = new Box(200, 100, 100, 300);
    private static final double TORSO = 93;

    private static BodyRegions regions(Poses pose) {
        return BodyRegions.of(PERSON, pose.landmarks(), W, H);
    }

    private static void assertBox(Box actual, double left, double top, double right, double bottom) {
        assertThat(actual.x()).as("left").isCloseTo(left, within(1e-6));
        assertThat(actual.y()).as("top").isCloseTo(top, within(1e-6));
        assertThat(actual.right()).as("right").isCloseTo(right, within(1e-6));
        assertThat(actual.bottom()).as("bottom").isCloseTo(bottom, within(1e-6));
    }

    @Test
    void aStandingPersonGetsHeadTorsoLegsAndFeetAroundTheirLandmarks() {
        BodyRegions r = regions(Poses.facing(PERSON));

        assertThat(r.source()).isEqualTo(RegionSource.LANDMARKS);
        assertThat(r.label()).isEqualTo("landmarks");
        assertThat(r.confidence()).isGreaterThan(BodyRegions.BOX_CONFIDENCE).isLessThanOrEqualTo(1);
        assertThat(r.boxes().keySet()).containsExactly(BodyPart.HEAD, BodyPart.TORSO, BodyPart.LEGS, BodyPart.FEET);
        double u = TORSO;
        // head: face points (x 239..261) widened by 0.15 torso, from 0.45 torso above the eyes (y 118) to the shoulders
        assertBox(r.get(BodyPart.HEAD).orElseThrow(), 239 - 0.15 * u, 118 - 0.45 * u, 261 + 0.15 * u, 157);
        // torso: shoulders, hips and elbows (x 222..278) widened by 0.1, 0.15 above the shoulders to 0.15 below the hips
        assertBox(r.get(BodyPart.TORSO).orElseThrow(), 222 - 0.1 * u, 157 - 0.15 * u, 278 + 0.1 * u, 250 + 0.15 * u);
        // legs: hips to ankles (x 240..260, ankles at y 376), 0.2 above the hips (the waistband), 0.05 below the ankles
        assertBox(r.get(BodyPart.LEGS).orElseThrow(), 240 - 0.15 * u, 250 - 0.2 * u, 260 + 0.15 * u, 376 + 0.05 * u);
        // feet: ankles, heels, toes (x 237..263, y 376..395.5), 0.1 above the ankles, 0.2 below the toes
        assertBox(r.get(BodyPart.FEET).orElseThrow(), 237 - 0.15 * u, 376 - 0.1 * u, 263 + 0.15 * u, 395.5 + 0.2 * u);
    }

    @Test
    void regionsFromLandmarksKeepThemUntilALookIsKept() {
        BodyRegions r = regions(Poses.facing(PERSON));
        assertThat(r.landmarks()).isNotNull();
        assertThat(r.personMask()).isNull(); // hand-made landmarks have no mask
        BodyRegions kept = r.withoutLandmarks();
        assertThat(kept.landmarks()).isNull();
        assertThat(kept.boxes()).isEqualTo(r.boxes());
        assertThat(kept.source()).isEqualTo(r.source());
        assertThat(kept.confidence()).isEqualTo(r.confidence());
    }

    @Test
    void aPersonSeenFromBehindGetsTheSameRegions() {
        // Left and right swap sides and the face is not visible, but the model still places it on the head.
        BodyRegions front = regions(Poses.facing(PERSON));
        BodyRegions back = regions(Poses.fromBehind(PERSON));

        assertThat(back.source()).isEqualTo(RegionSource.LANDMARKS);
        assertThat(back.boxes().keySet()).isEqualTo(front.boxes().keySet());
        front.boxes().forEach((part, box) -> {
            Box b = back.get(part).orElseThrow();
            assertThat(b.x()).as(part + " left").isCloseTo(box.x(), within(1e-6));
            assertThat(b.y()).as(part + " top").isCloseTo(box.y(), within(1e-6));
            assertThat(b.width()).as(part + " width").isCloseTo(box.width(), within(1e-6));
            assertThat(b.height()).as(part + " height").isCloseTo(box.height(), within(1e-6));
        });
    }

    @Test
    void aSideViewHidingOneShoulderStillUsesTheLandmarks() {
        BodyRegions r = regions(Poses.facing(PERSON).visibility(RIGHT_SHOULDER, 0.1));
        assertThat(r.source()).isEqualTo(RegionSource.LANDMARKS);
    }

    @Test
    void legsCutOffByTheFrameEdgeEndAtTheEdgeAndLeaveNoFeet() {
        // The frame ends at y 330, between knees (313) and ankles (376): the model puts ankles and feet out of view.
        int frameHeight = 330;
        Poses pose = Poses.facing(PERSON);
        for (int i = LEFT_ANKLE; i <= RIGHT_FOOT_INDEX; i++) {
            pose = pose.presence(i, 0.05).visibility(i, 0.02);
        }
        BodyRegions r = BodyRegions.of(PERSON, pose.landmarks(), W, frameHeight);

        assertThat(r.source()).isEqualTo(RegionSource.LANDMARKS);
        assertThat(r.boxes()).containsOnlyKeys(BodyPart.HEAD, BodyPart.TORSO, BodyPart.LEGS);
        Box legs = r.get(BodyPart.LEGS).orElseThrow();
        assertThat(legs.bottom()).isEqualTo(frameHeight);
        assertThat(legs.y()).isCloseTo(250 - 0.2 * TORSO, within(1e-6));
        assertThat(r.get(BodyPart.TORSO).orElseThrow().bottom()).isCloseTo(250 + 0.15 * TORSO, within(1e-6));
    }

    @Test
    void anUpperBodyWithTheHipsBelowTheFrameGetsATorsoToTheEdgeAndNoLegs() {
        int frameHeight = 230; // below the elbows (199), above the hips (250)
        Poses pose = Poses.facing(PERSON);
        for (int i = LEFT_HIP; i <= RIGHT_FOOT_INDEX; i++) {
            pose = pose.presence(i, 0.01);
        }
        BodyRegions r = BodyRegions.of(PERSON, pose.landmarks(), W, frameHeight);

        assertThat(r.boxes()).containsOnlyKeys(BodyPart.HEAD, BodyPart.TORSO);
        assertThat(r.get(BodyPart.TORSO).orElseThrow().bottom()).isEqualTo(frameHeight);
    }

    @Test
    void aHeadAboveTheFrameGetsNoRegion() {
        Box high = new Box(200, -30, 100, 300); // nose at y -7.5
        Poses pose = Poses.facing(high);
        BodyRegions r = BodyRegions.of(high, pose.landmarks(), W, H);
        assertThat(r.source()).isEqualTo(RegionSource.LANDMARKS);
        assertThat(r.boxes()).doesNotContainKey(BodyPart.HEAD).containsKeys(BodyPart.TORSO, BodyPart.LEGS, BodyPart.FEET);
    }

    @Test
    void regionsAreClippedToTheFrame() {
        Box atEdge = new Box(-20, 100, 100, 300);
        BodyRegions r = BodyRegions.of(atEdge, Poses.facing(atEdge).landmarks(), W, H);
        assertThat(r.boxes().values()).allSatisfy(b -> {
            assertThat(b.x()).isGreaterThanOrEqualTo(0);
            assertThat(b.right()).isLessThanOrEqualTo(W);
        });
        assertThat(r.get(BodyPart.TORSO).orElseThrow().x()).isZero();
    }

    @Test
    void aLowPoseScoreFallsBackToTheBoxProportions() {
        BodyRegions r = regions(Poses.facing(PERSON).score(0.3));

        assertThat(r.source()).isEqualTo(RegionSource.BOX);
        assertThat(r.label()).isEqualTo("box");
        assertThat(r.confidence()).isEqualTo(BodyRegions.BOX_CONFIDENCE);
        assertThat(r.boxes().keySet()).containsExactly(BodyPart.HEAD, BodyPart.TORSO, BodyPart.LEGS, BodyPart.FEET);
        // the documented proportions of the 100 x 300 box at (200, 100)
        assertBox(r.get(BodyPart.HEAD).orElseThrow(), 224, 88, 276, 160);
        assertBox(r.get(BodyPart.TORSO).orElseThrow(), 206, 148, 294, 259);
        assertBox(r.get(BodyPart.LEGS).orElseThrow(), 218, 229, 282, 373);
        assertBox(r.get(BodyPart.FEET).orElseThrow(), 220, 358, 280, 409);
    }

    @Test
    void unseenShouldersFallBackToTheBox() {
        Poses hidden = Poses.facing(PERSON).visibility(LEFT_SHOULDER, 0.2).visibility(RIGHT_SHOULDER, 0.3);
        assertThat(regions(hidden).source()).isEqualTo(RegionSource.BOX);
        Poses outOfCrop = Poses.facing(PERSON).presence(LEFT_SHOULDER, 0.1);
        assertThat(regions(outOfCrop).source()).isEqualTo(RegionSource.BOX);
    }

    @Test
    void aCollapsedPoseFallsBackToTheBox() {
        assertThat(regions(Poses.facing(PERSON).collapsed()).source()).isEqualTo(RegionSource.BOX);
    }

    @Test
    void withoutLandmarksTheBoxIsUsed() {
        BodyRegions r = BodyRegions.of(PERSON, null, W, H);
        assertThat(r.source()).isEqualTo(RegionSource.BOX);
        assertThat(r.boxes()).hasSize(4);
    }

    @Test
    void aPersonUnderSixtyPixelsUsesTheBoxEvenWithLandmarks() {
        Box small = new Box(300, 200, 18, 50);
        assertThat(BodyRegions.wantsLandmarks(small)).isFalse();
        assertThat(BodyRegions.wantsLandmarks(new Box(300, 200, 20, 60))).isTrue();

        BodyRegions r = BodyRegions.of(small, Poses.facing(small).landmarks(), W, H);
        assertThat(r.source()).isEqualTo(RegionSource.BOX);
        assertThat(r.confidence()).isEqualTo(BodyRegions.BOX_CONFIDENCE);
    }

    @Test
    void aTinyPersonGetsNoRegions() {
        Box tiny = new Box(300, 200, 10, 25);
        BodyRegions r = BodyRegions.of(tiny, Poses.facing(tiny).landmarks(), W, H);

        assertThat(r.source()).isEqualTo(RegionSource.NONE);
        assertThat(r.label()).isEqualTo("none");
        assertThat(r.confidence()).isZero();
        assertThat(r.boxes()).isEmpty();
        assertThat(r.get(BodyPart.TORSO)).isEmpty();
        assertThat(BodyRegions.of(new Box(0, 0, 0, 100), null, W, H).source()).isEqualTo(RegionSource.NONE);
    }

    @Test
    void theBoxFallbackOfAPersonCutOffAtTheBottomHasNoFeet() {
        // 100 x 180 reaching the bottom edge: shorter than any whole person, so taken as cut off and extended to 320 high.
        Box cut = new Box(100, 300, 100, 180);
        BodyRegions r = BodyRegions.of(cut, null, W, H);

        assertThat(r.source()).isEqualTo(RegionSource.BOX);
        assertThat(r.boxes()).doesNotContainKey(BodyPart.FEET);
        assertBox(r.get(BodyPart.TORSO).orElseThrow(), 106, 300 + 0.16 * 320, 194, 300 + 0.53 * 320);
        assertThat(r.get(BodyPart.LEGS).orElseThrow().bottom()).isEqualTo(H);
    }

    @Test
    void theBoxFallbackKeepsTheFeetOfAWholePersonStandingAtTheBottomEdge() {
        Box whole = new Box(100, 80, 100, 400); // reaches the bottom, but as tall as a whole person
        BodyRegions r = BodyRegions.of(whole, null, W, H);
        assertThat(r.boxes()).containsKey(BodyPart.FEET);
        assertThat(r.get(BodyPart.FEET).orElseThrow().y()).isCloseTo(80 + 0.86 * 400, within(1e-6));
    }

    @Test
    void theRegionsCannotBeChangedAfterwards() {
        BodyRegions r = regions(Poses.facing(PERSON));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.boxes().remove(BodyPart.HEAD))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new BodyRegions(RegionSource.BOX, 0.3, Map.of(BodyPart.FEET, PERSON, BodyPart.HEAD, PERSON)).boxes().keySet())
                .containsExactly(BodyPart.HEAD, BodyPart.FEET);
    }
}
