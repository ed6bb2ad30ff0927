package org.vestis.video.garment;

import org.vestis.video.BodyPart;
import org.vestis.video.Box;
import org.vestis.video.GarmentSlot;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one look at one person gave: the body regions, the garment model's class probabilities on each part's crop,
 * and a colour name per slot ({@link GarmentObserver} says which pixels each colour is read from). Parts out of view
 * or too small have no entry. {@code person} is the box the look was taken in (null when unknown), so the regions can
 * be drawn on the person's later boxes.
 */
public record GarmentObservation(BodyRegions regions, Map<BodyPart, float[]> probabilities, Map<GarmentSlot, String> colours, Box person) {
    public GarmentObservation {
        probabilities = Map.copyOf(probabilities);
        colours = Map.copyOf(colours);
    }

    public GarmentObservation(BodyRegions regions, Map<BodyPart, float[]> probabilities, Map<GarmentSlot, String> colours) {
        this(regions, probabilities, colours, null);
    }

    public static GarmentObservation none() {
        return new GarmentObservation(BodyRegions.none(), Map.of(), Map.of());
    }

    /** The regions as fractions of the person box (x, y from its corner; width, height of its size); empty without one. */
    public Map<BodyPart, Box> regionShape() {
        Map<BodyPart, Box> shape = new EnumMap<>(BodyPart.class);
        if (person != null && person.width() > 0 && person.height() > 0) {
            regions.boxes().forEach((part, b) -> shape.put(part, new Box((b.x() - person.x()) / person.width(),
                    (b.y() - person.y()) / person.height(), b.width() / person.width(), b.height() / person.height())));
        }
        return shape;
    }
}
