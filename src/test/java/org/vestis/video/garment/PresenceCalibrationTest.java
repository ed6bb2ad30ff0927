package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.vestis.video.BodyPart;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PresenceCalibrationTest {
    @Test
    void theIdentityStatesTheScore() {
        assertThat(PresenceCalibration.IDENTITY.probability(0.37)).isEqualTo(0.37);
    }

    @Test
    void anOverconfidentScoreIsPulledTowardsHowOftenItIsRight() {
        // The network says 0.9 for twenty photos of which ten wear the garment, and 0.1 for twenty of which two do.
        double[] scores = new double[40];
        boolean[] worn = new boolean[40];
        for (int i = 0; i < 20; i++) {
            scores[i] = 0.9;
            worn[i] = i < 10;
            scores[20 + i] = 0.1;
            worn[20 + i] = i < 2;
        }
        PresenceCalibration c = PresenceCalibration.fit(scores, worn);
        // Two distinct scores: the fitted curve passes through the observed rates (up to the small ridge).
        assertThat(c.probability(0.9)).isCloseTo(0.5, within(0.01));
        assertThat(c.probability(0.1)).isCloseTo(0.1, within(0.01));
        assertThat(c.scale()).isBetween(0.0, 1.0);
    }

    @Test
    void nothingToFitGivesTheIdentity() {
        assertThat(PresenceCalibration.fit(new double[] {0.2, 0.8}, new boolean[] {false, false})).isEqualTo(PresenceCalibration.IDENTITY);
    }

    @Test
    void theSlotDecisionStatesTheCalibratedProbability() {
        SlotClasses calibrated = SlotTestModels.classes()
                .withPresenceCalibration(Map.of(GarmentSlot.OUTERWEAR, new PresenceCalibration(1, Math.log(0.5))));
        GarmentObservation o = new GarmentObservation(SlotTestModels.landmarkRegions(BodyPart.HEAD, BodyPart.TORSO), Map.of(
                BodyPart.HEAD, SlotTestModels.p("hat", 0.2, "no-hat", 0.8),
                BodyPart.TORSO, SlotTestModels.p("outerwear", 0.75, "shirt", 0.25)), Map.of());
        PersonGarments g = SlotDecision.decide(calibrated, o);
        // Worn (0.75 reaches the threshold 0.6), stated as logit(0.75) + log(0.5) = log(1.5): 0.6; the decision is the score's.
        SlotTestModels.assertReading(g.get(GarmentSlot.OUTERWEAR), "outerwear", 0.6, "unknown");
        // Headwear has no calibration: one minus the network's score, as before.
        SlotTestModels.assertReading(g.get(GarmentSlot.HEADWEAR), "none", 0.8, "unknown");
    }
}
