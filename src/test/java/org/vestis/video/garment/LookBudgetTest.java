package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.vestis.video.BodyPart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vestis.video.garment.SlotTestModels.landmarkRegions;
import static org.vestis.video.garment.SlotTestModels.p;

class LookBudgetTest {

    @Test
    void aFullBucketLooksAtNewcomersAtOnceThenTheAverageRateHolds() {
        LookBudget.Bucket b = new LookBudget(0.25, 4).bucket();
        List<Integer> looks = new ArrayList<>();
        for (int frame = 0; frame < 9; frame++) {
            looks.add(b.take(6));
        }
        assertThat(looks).containsExactly(4, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(LookBudget.UNLIMITED.bucket().take(7)).isEqualTo(7);
        // Saved up while nobody needs a look, but never beyond the burst.
        LookBudget.Bucket idle = new LookBudget(0.5, 2).bucket();
        for (int frame = 0; frame < 10; frame++) {
            idle.take(0);
        }
        assertThat(idle.take(5)).isEqualTo(2);
    }

    @Test
    void badBudgetsAreRefused() {
        assertThatThrownBy(() -> new LookBudget(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LookBudget(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peopleNotYetSeenComeFirstThenTheLargestGain() {
        GarmentStage stage = new GarmentStage(null, null, SlotTestModels.classes(), 2, new LookBudget(1, 2), false);
        GarmentObservation legs = new GarmentObservation(landmarkRegions(BodyPart.LEGS), Map.of(BodyPart.LEGS, p("pants", 1.0)), Map.of());
        // Track 1 has its two looks (qualities 0.5 and 0.4), track 2 one look, track 3 none.
        GarmentSmoother smoother = stage.smoother();
        smoother.add(1, 0.5, legs);
        smoother.add(1, 0.4, legs);
        smoother.add(2, 0.3, legs);
        // Track 1 at 0.9 beats its worst look; at most two looks this frame: track 3 (none yet), then track 2 (one).
        assertThat(stage.choose(List.of(1, 2, 3), List.of(0.9, 0.1, 0.1))).containsExactly(2, 1);
        // Next frame: one new token; track 1's 0.3 would not enter its best two, so only track 1 at 0.8 is wanted.
        assertThat(stage.choose(List.of(1), List.of(0.3))).isEmpty();
        assertThat(stage.choose(List.of(1), List.of(0.8))).containsExactly(0);
    }
}
