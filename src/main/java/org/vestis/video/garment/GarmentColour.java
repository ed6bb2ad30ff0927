package org.vestis.video.garment;

import org.vestis.video.ColourTerm;

/**
 * The colour of one garment: a basic colour term, the share of the garment's (trimmed) pixels that term covers, and a
 * second term when the garment is clearly two-coloured (stripes, colour blocks). {@link ColourTerm#UNKNOWN} means the
 * pixels did not support a name (too few, or no term dominates): callers show "unknown" rather than a guess.
 *
 * @param colour        the colour name, {@link ColourTerm#UNKNOWN} when there is none to state
 * @param share         fraction (0..1) of the voting pixels named {@code colour}; for UNKNOWN, that of the most
 *                      frequent term (0 when no pixel voted)
 * @param second        the second colour of a two-coloured garment, or null
 * @param secondShare   fraction (0..1) of the voting pixels named {@code second}; 0 when there is none
 * @param pixels        garment pixels in the input (mask non-zero, or the whole crop)
 */
public record GarmentColour(ColourTerm colour, double share, ColourTerm second, double secondShare, int pixels) {

    /** A result for input that cannot be named (empty mask, tiny crop, no dominant colour). */
    public static GarmentColour unknown(double share, int pixels) {
        return new GarmentColour(ColourTerm.UNKNOWN, share, null, 0, pixels);
    }

    public boolean known() {
        return colour != ColourTerm.UNKNOWN;
    }

    boolean twoColoured() {
        return second != null;
    }

    /** The colour word for outputs: "blue", "black/white" for a two-coloured garment, "unknown". */
    public String label() {
        return second == null ? colour.label() : colour.label() + "/" + second.label();
    }
}
