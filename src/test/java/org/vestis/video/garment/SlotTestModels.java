package org.vestis.video.garment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.vestis.video.BodyPart;
import org.vestis.video.Box;
import org.vestis.video.RegionSource;
import org.vestis.video.SlotReading;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A small garment model's classes and slots, and observations built from chosen probabilities, for the slot tests. */
final class SlotTestModels {
    /** Index: 0 hat, 1 no-hat, 2 outerwear, 3 t-shirt, 4 shirt, 5 pants, 6 skirt, 7 dress, 8 shoes, 9 boots. */
    static final List<String> LABELS = List.of("hat", "no-hat", "outerwear", "t-shirt", "shirt", "pants", "skirt", "dress", "shoes", "boots");

    private SlotTestModels() {
    }

    static SlotClasses classes() {
        return SlotClasses.parse(json("""
                {"slots": {"headwear": ["hat"], "outerwear": ["outerwear"], "top": ["t-shirt", "shirt"],
                           "bottom": ["pants", "skirt", "dress"], "footwear": ["shoes", "boots"]},
                 "presence": {"headwear": 0.4, "outerwear": 0.6}}"""), LABELS, "garments.json");
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Probabilities with the given mass on the given classes, e.g. p("hat", 0.7, "no-hat", 0.3). */
    static float[] p(Object... labelAndMass) {
        float[] p = new float[LABELS.size()];
        for (int i = 0; i < labelAndMass.length; i += 2) {
            p[LABELS.indexOf((String) labelAndMass[i])] = ((Number) labelAndMass[i + 1]).floatValue();
        }
        return p;
    }

    /** The reading's label and colour, and its confidence up to float rounding. */
    static void assertReading(SlotReading r, String label, double confidence, String colour) {
        org.assertj.core.api.Assertions.assertThat(r.label()).isEqualTo(label);
        org.assertj.core.api.Assertions.assertThat(r.colour()).isEqualTo(colour);
        org.assertj.core.api.Assertions.assertThat(r.confidence()).isCloseTo(confidence, org.assertj.core.api.Assertions.within(1e-6));
    }

    static BodyRegions landmarkRegions(BodyPart... parts) {
        Map<BodyPart, Box> boxes = new EnumMap<>(BodyPart.class);
        for (BodyPart part : parts) {
            boxes.put(part, new Box(10, 10 + 40 * part.ordinal(), 30, 40));
        }
        return new BodyRegions(RegionSource.LANDMARKS, 1.0, boxes);
    }
}
