package org.vestis.video;

import java.util.Locale;

/**
 * The five things a person is described by, each looked for in one body part. Headwear and outerwear are often not
 * worn, so they are decided by presence (a score against a threshold, else {@code none}); a top, a bottom and footwear
 * are always there when their part is in view, so only their class is decided.
 */
public enum GarmentSlot {
    HEADWEAR(BodyPart.HEAD, true),
    OUTERWEAR(BodyPart.TORSO, true),
    TOP(BodyPart.TORSO, false),
    BOTTOM(BodyPart.LEGS, false),
    FOOTWEAR(BodyPart.FEET, false);

    private final BodyPart part;
    private final boolean optional;

    GarmentSlot(BodyPart part, boolean optional) {
        this.part = part;
        this.optional = optional;
    }

    /** The body part whose crop the slot is read from. */
    public BodyPart part() {
        return part;
    }

    /** True when the slot may be empty ({@code none}) on a person in full view: headwear and outerwear. */
    public boolean optional() {
        return optional;
    }

    /** The word in outputs: "headwear", "outerwear", "top", "bottom", "footwear". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The slot named {@code label}, or null. */
    public static GarmentSlot of(String label) {
        for (GarmentSlot s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
