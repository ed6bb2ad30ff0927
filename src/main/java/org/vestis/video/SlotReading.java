package org.vestis.video;


/**
 * What one slot of one person holds: a garment class or {@link #NONE}, how far to trust it (0..1) and the garment's
 * colour name ({@code unknown} when there is no colour to state, always for {@code none}).
 */
public record SlotReading(String label, double confidence, String colour) {
    public static final String NONE = "none";

    /** Nothing can be said: the part was not seen (too small, out of view). */
    public static SlotReading unseen() {
        return new SlotReading(NONE, 0, ColourTerm.UNKNOWN.label());
    }

    public boolean worn() {
        return !NONE.equals(label);
    }
}
