package org.vestis.video.garment;

import java.util.Map;

/**
 * What one look at one person gave: the body regions, the garment model's class probabilities on each part's crop,
 * and a colour name per slot ({@link GarmentObserver} says which pixels each colour is read from). Parts out of view
 * or too small have no entry.
 */
public record GarmentObservation(BodyRegions regions, Map<BodyPart, float[]> probabilities, Map<GarmentSlot, String> colours) {
    public GarmentObservation {
        probabilities = Map.copyOf(probabilities);
        colours = Map.copyOf(colours);
    }

    public static GarmentObservation none() {
        return new GarmentObservation(BodyRegions.none(), Map.of(), Map.of());
    }
}
