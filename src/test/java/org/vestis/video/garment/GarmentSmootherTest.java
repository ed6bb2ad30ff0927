package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.vestis.video.BodyPart;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.SlotReading;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.vestis.video.garment.SlotTestModels.assertReading;
import static org.vestis.video.garment.SlotTestModels.landmarkRegions;
import static org.vestis.video.garment.SlotTestModels.p;

class GarmentSmootherTest {

    private static GarmentObservation legs(float[] probabilities, String colour) {
        return new GarmentObservation(landmarkRegions(BodyPart.LEGS), Map.of(BodyPart.LEGS, probabilities),
                colour == null ? Map.of() : Map.of(GarmentSlot.BOTTOM, colour));
    }

    @Test
    void averagesEachPartOverTheBestLooksAndVotesColoursByQuality() {
        GarmentSmoother s = new GarmentSmoother(2, SlotTestModels.classes());
        assertThat(s.current(1)).isEqualTo(PersonGarments.unseen());
        s.add(1, 0.9, legs(p("skirt", 0.9, "pants", 0.1), "blue"));
        s.add(1, 0.5, legs(p("skirt", 0.1, "pants", 0.9), "black"));
        s.add(1, 0.1, legs(p("dress", 1.0), "red")); // not among the best two: dropped
        SlotReading bottom = s.current(1).get(GarmentSlot.BOTTOM);
        assertThat(bottom.label()).isIn("skirt", "pants");
        assertThat(bottom.confidence()).isCloseTo(0.5, within(1e-6));
        assertThat(bottom.colour()).isEqualTo("blue");
        s.add(1, 0.95, legs(p("pants", 1.0), "unknown")); // unknown colours do not vote
        assertReading(s.current(1).get(GarmentSlot.BOTTOM), "pants", (1.0 + 0.1) / (1.0 + 0.9 + 0.1), "blue");
    }

    @Test
    void onlyLooksThatWouldEnterTheBestNAreWanted() {
        GarmentSmoother s = new GarmentSmoother(2, SlotTestModels.classes());
        assertThat(s.wouldKeep(7, 0.01)).isTrue();
        s.add(7, 0.5, legs(p("pants", 1.0), null));
        assertThat(s.wouldKeep(7, 0.01)).isTrue();
        s.add(7, 0.6, legs(p("pants", 1.0), null));
        assertThat(s.wouldKeep(7, 0.4)).isFalse();
        assertThat(s.wouldKeep(7, 0.55)).isTrue();
        assertThat(s.wouldKeep(8, 0.0)).isTrue();
        s.forget(7);
        assertThat(s.current(7)).isEqualTo(PersonGarments.unseen());
        assertThat(s.wouldKeep(7, 0.0)).isTrue();
    }

    @Test
    void partsAreAveragedOnlyOverTheLooksThatSawThem() {
        GarmentSmoother s = new GarmentSmoother(3, SlotTestModels.classes());
        s.add(2, 0.9, new GarmentObservation(landmarkRegions(BodyPart.FEET), Map.of(BodyPart.FEET, p("boots", 1.0)), Map.of()));
        s.add(2, 0.8, legs(p("skirt", 1.0), null));
        PersonGarments g = s.current(2);
        assertReading(g.get(GarmentSlot.FOOTWEAR), "boots", 1.0, "unknown");
        assertReading(g.get(GarmentSlot.BOTTOM), "skirt", 1.0, "unknown");
    }

    @Test
    void nMustBePositive() {
        assertThatThrownBy(() -> new GarmentSmoother(0, SlotTestModels.classes())).isInstanceOf(IllegalArgumentException.class);
    }
}
