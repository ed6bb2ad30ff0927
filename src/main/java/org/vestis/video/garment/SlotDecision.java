package org.vestis.video.garment;

import org.vestis.video.ColourTerm;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.SlotReading;

import java.util.EnumMap;
import java.util.Map;

/**
 * Turns the class probabilities and colours of a person's body parts into the five slot readings.
 * <ul>
 *   <li>An optional slot (headwear, outerwear) is worn when the summed probability of its classes on its part's crop
 *       reaches the slot's presence threshold; its reading is then the slot's best class with the probability that it
 *       is worn ({@link SlotClasses#presenceProbability}: the score, calibrated when the bundle says how), else
 *       {@code none} with one minus it.</li>
 *   <li>Any other slot takes its most probable class among the slot's own classes (the crop comes from the part that
 *       slot lives in, so other slots' classes are not candidates), with that probability renormalised over them.</li>
 *   <li>Confidences are multiplied by the regions' own confidence ({@link BodyRegions#confidence()}): a reading from
 *       box proportions is worth less than one from landmarks.</li>
 *   <li>The top's colour is read from the middle of the torso when outerwear is worn (where an open jacket shows
 *       the top), from the whole torso otherwise.</li>
 * </ul>
 * A part without a crop gives {@link SlotReading#unseen()}.
 */
public final class SlotDecision {
    private SlotDecision() {
    }

    public static PersonGarments decide(SlotClasses classes, GarmentObservation o) {
        Map<GarmentSlot, SlotReading> slots = new EnumMap<>(GarmentSlot.class);
        double trust = o.regions().confidence();
        boolean outerwear = false;
        for (GarmentSlot slot : GarmentSlot.values()) {
            float[] p = o.probabilities().get(slot.part());
            if (p == null) {
                slots.put(slot, SlotReading.unseen());
                continue;
            }
            Map.Entry<String, Double> best = classes.best(slot, p);
            SlotReading reading;
            if (slot.optional()) {
                double score = Math.min(1, classes.score(slot, p));
                boolean worn = score >= classes.presenceThreshold(slot);
                double likely = classes.presenceProbability(slot, score);
                reading = worn ? new SlotReading(best.getKey(), likely * trust, colour(o, slot))
                        : new SlotReading(SlotReading.NONE, (1 - likely) * trust, ColourTerm.UNKNOWN.label());
                outerwear |= slot == GarmentSlot.OUTERWEAR && worn;
            } else {
                GarmentSlot colourFrom = slot == GarmentSlot.TOP && !outerwear ? GarmentSlot.OUTERWEAR : slot;
                reading = new SlotReading(best.getKey(), best.getValue() * trust, colour(o, colourFrom));
            }
            slots.put(slot, reading);
        }
        return new PersonGarments(o.regions().source(), slots, o.regionShape());
    }

    private static String colour(GarmentObservation o, GarmentSlot slot) {
        return o.colours().getOrDefault(slot, ColourTerm.UNKNOWN.label());
    }
}
