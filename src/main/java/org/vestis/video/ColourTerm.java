package org.vestis.video;

import java.util.Locale;

/**
 * The fixed vocabulary of garment colour names: the eleven basic colour terms of Berlin and Kay (1969), which every
 * language with that many colour words shares, plus {@link #UNKNOWN} for "too few pixels or no colour dominates".
 * Everything the garment stage prints or writes comes from this list, so outputs stay comparable across runs.
 * Non-basic names fold into these on purpose: navy is blue, beige, khaki and tan are brown, burgundy is red.
 */
public enum ColourTerm {
    BLACK, WHITE, GREY, RED, ORANGE, YELLOW, GREEN, BLUE, PURPLE, PINK, BROWN, UNKNOWN;

    /** The word written in outputs: the lower-case name ("grey", British spelling as elsewhere in Vestis). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for black, white and grey (named by lightness alone). */
    public boolean achromatic() {
        return this == BLACK || this == WHITE || this == GREY;
    }

    /**
     * True for terms that one plain garment's pixels can split into: the two terms of a hue sector that lightness and
     * relative chroma divide (red and pink, orange and brown, yellow and brown) and neighbours on the hue circle, which
     * camera tone curves and coloured light mix on one fabric (orange trousers can read red in their shadows).
     * Such a pair is never reported as a garment's two colours.
     */
    public boolean neighbour(ColourTerm other) {
        return pair(other, RED, PINK) || pair(other, ORANGE, BROWN) || pair(other, YELLOW, BROWN)
                || pair(other, RED, ORANGE) || pair(other, ORANGE, YELLOW) || pair(other, YELLOW, GREEN)
                || pair(other, GREEN, BLUE) || pair(other, BLUE, PURPLE) || pair(other, PURPLE, PINK)
                || pair(other, RED, BROWN);
    }

    private boolean pair(ColourTerm other, ColourTerm a, ColourTerm b) {
        return (this == a && other == b) || (this == b && other == a);
    }
}
