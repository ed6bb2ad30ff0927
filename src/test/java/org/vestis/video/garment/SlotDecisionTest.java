package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.vestis.video.BodyPart;
import org.vestis.video.Box;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.RegionSource;
import org.vestis.video.SlotReading;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vestis.video.garment.SlotTestModels.assertReading;
import static org.vestis.video.garment.SlotTestModels.landmarkRegions;
import static org.vestis.video.garment.SlotTestModels.p;

class SlotDecisionTest {
    private final SlotClasses classes = SlotTestModels.classes();

    @Test
    void aPersonInFullViewGetsAReadingForEverySlot() {
        GarmentObservation o = new GarmentObservation(landmarkRegions(BodyPart.values()), Map.of(
                BodyPart.HEAD, p("hat", 0.1, "no-hat", 0.9),
                BodyPart.TORSO, p("outerwear", 0.1, "t-shirt", 0.7, "shirt", 0.2),
                BodyPart.LEGS, p("pants", 0.5, "skirt", 0.1, "t-shirt", 0.4),
                BodyPart.FEET, p("shoes", 0.3, "boots", 0.1, "pants", 0.6)),
                Map.of(GarmentSlot.OUTERWEAR, "red", GarmentSlot.TOP, "white", GarmentSlot.BOTTOM, "blue", GarmentSlot.FOOTWEAR, "black"));
        PersonGarments g = SlotDecision.decide(classes, o);
        assertThat(g.regions()).isEqualTo(RegionSource.LANDMARKS);
        assertReading(g.get(GarmentSlot.HEADWEAR), "none", 0.9, "unknown");
        assertThat(g.get(GarmentSlot.OUTERWEAR).label()).isEqualTo("none");
        // Without outerwear the top's colour is the whole torso's.
        assertThat(g.get(GarmentSlot.TOP).label()).isEqualTo("t-shirt");
        assertThat(g.get(GarmentSlot.TOP).colour()).isEqualTo("red");
        assertThat(g.get(GarmentSlot.TOP).confidence()).isCloseTo(0.7 / 0.9, within(1e-6));
        // Only the slot's own classes compete: the legs crop's t-shirt mass does not matter.
        assertReading(g.get(GarmentSlot.BOTTOM), "pants", 0.5 / 0.6, "blue");
        assertThat(g.get(GarmentSlot.FOOTWEAR).label()).isEqualTo("shoes");
        assertThat(g.describe()).isEqualTo("red t-shirt · blue pants · black shoes");
    }

    @Test
    void optionalSlotsAreWornFromTheirThresholdOn() {
        GarmentObservation o = new GarmentObservation(landmarkRegions(BodyPart.HEAD, BodyPart.TORSO), Map.of(
                BodyPart.HEAD, p("hat", 0.4, "no-hat", 0.6),
                BodyPart.TORSO, p("outerwear", 0.6, "shirt", 0.4)),
                Map.of(GarmentSlot.HEADWEAR, "black", GarmentSlot.OUTERWEAR, "brown", GarmentSlot.TOP, "white"));
        PersonGarments g = SlotDecision.decide(classes, o);
        assertReading(g.get(GarmentSlot.HEADWEAR), "hat", 0.4f, "black");
        assertThat(g.get(GarmentSlot.OUTERWEAR).label()).isEqualTo("outerwear");
        assertThat(g.get(GarmentSlot.OUTERWEAR).colour()).isEqualTo("brown");
        // Under outerwear the top's colour comes from the middle strip of the torso.
        assertReading(g.get(GarmentSlot.TOP), "shirt", 1.0, "white");
        assertThat(g.get(GarmentSlot.BOTTOM)).isEqualTo(SlotReading.unseen());
        assertThat(g.describe()).isEqualTo("black hat · brown outerwear · white shirt");
    }

    @Test
    void boxRegionsLowerEveryConfidenceAndUnseenPartsStayNoneWithZero() {
        BodyRegions box = new BodyRegions(RegionSource.BOX, BodyRegions.BOX_CONFIDENCE, Map.of(BodyPart.LEGS, new Box(0, 0, 10, 20)));
        PersonGarments g = SlotDecision.decide(classes, new GarmentObservation(box, Map.of(BodyPart.LEGS, p("skirt", 1.0)), Map.of()));
        assertThat(g.regions()).isEqualTo(RegionSource.BOX);
        assertReading(g.get(GarmentSlot.BOTTOM), "skirt", BodyRegions.BOX_CONFIDENCE, "unknown");
        assertThat(g.get(GarmentSlot.HEADWEAR)).isEqualTo(SlotReading.unseen());
        assertThat(g.get(GarmentSlot.TOP).confidence()).isZero();
        // An unknown colour is left out of the description rather than guessed.
        assertThat(g.describe()).isEqualTo("skirt");
    }

    @Test
    void aPersonTooSmallForRegionsGetsNonesWithZeroConfidence() {
        PersonGarments g = SlotDecision.decide(classes, GarmentObservation.none());
        assertThat(g.regions()).isEqualTo(RegionSource.NONE);
        for (GarmentSlot slot : GarmentSlot.values()) {
            assertThat(g.get(slot)).isEqualTo(SlotReading.unseen());
        }
        assertThat(g.describe()).isEmpty();
    }
}
