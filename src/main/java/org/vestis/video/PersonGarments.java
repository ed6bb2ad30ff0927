package org.vestis.video;



import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a person wears: a reading for every one of the five slots, where the body regions came from
 * ({@code landmarks}, {@code box} for fixed proportions of the person box, {@code none}), and the regions' shape as
 * fractions of the person box (of the best look), for drawing them on the person's box in any frame.
 */
public record PersonGarments(RegionSource regions, Map<GarmentSlot, SlotReading> slots, Map<BodyPart, Box> regionShape) {
    public PersonGarments(RegionSource regions, Map<GarmentSlot, SlotReading> slots) {
        this(regions, slots, Map.of());
    }

    public PersonGarments {
        regionShape = Map.copyOf(regionShape);
        Map<GarmentSlot, SlotReading> all = new EnumMap<>(GarmentSlot.class);
        for (GarmentSlot s : GarmentSlot.values()) {
            all.put(s, slots.getOrDefault(s, SlotReading.unseen()));
        }
        slots = Collections.unmodifiableMap(all);
    }

    /** Nothing seen yet: every slot {@code none} with confidence 0. */
    public static PersonGarments unseen() {
        return new PersonGarments(RegionSource.NONE, Map.of());
    }

    /** The body regions placed on {@code person} (a box of this person in any frame), for outlines. */
    public Map<BodyPart, Box> regionsOn(Box person) {
        Map<BodyPart, Box> out = new EnumMap<>(BodyPart.class);
        regionShape.forEach((part, f) -> out.put(part, new Box(person.x() + f.x() * person.width(), person.y() + f.y() * person.height(),
                f.width() * person.width(), f.height() * person.height())));
        return out;
    }

    public SlotReading get(GarmentSlot slot) {
        return slots.get(slot);
    }

    /**
     * The garments worn, as a shop assistant says them: "red t-shirt · blue pants · white shoes" (head to feet;
     * outerwear before the top; a colour that could not be named is left out; empty when nothing is seen).
     */
    public String describe() {
        return describe(" · ");
    }

    /** Like {@link #describe()} with another separator (the video overlay's font has no middle dot). */
    public String describe(String separator) {
        List<String> worn = new ArrayList<>();
        for (GarmentSlot s : GarmentSlot.values()) {
            SlotReading r = slots.get(s);
            if (r.worn()) {
                boolean named = r.colour() != null && !r.colour().equals(ColourTerm.UNKNOWN.label());
                worn.add(named ? r.colour() + " " + r.label() : r.label());
            }
        }
        return String.join(separator, worn);
    }
}
