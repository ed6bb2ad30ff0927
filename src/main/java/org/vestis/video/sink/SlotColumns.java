package org.vestis.video.sink;

import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.SlotReading;

import java.util.Locale;

/**
 * The five garment slots as CSV columns, the same in every table that carries them (tracks.csv, predict --csv): per
 * slot its class (or none), colour and confidence, e.g. {@code top,top_colour,top_confidence}.
 */
public final class SlotColumns {
    /** The column names, each after a comma, to append to a header. */
    public static final String HEADER = headerColumns();

    private SlotColumns() {
    }

    /** The cells of {@code g}, each after a comma, in {@link #HEADER}'s order. */
    public static String cells(PersonGarments g) {
        StringBuilder b = new StringBuilder();
        for (GarmentSlot slot : GarmentSlot.values()) {
            SlotReading r = g.get(slot);
            b.append(',').append(quoted(r.label())).append(',').append(quoted(r.colour()))
                    .append(',').append(String.format(Locale.ROOT, "%.4f", r.confidence()));
        }
        return b.toString();
    }

    private static String headerColumns() {
        StringBuilder b = new StringBuilder();
        for (GarmentSlot s : GarmentSlot.values()) {
            b.append(',').append(s.label()).append(',').append(s.label()).append("_colour,").append(s.label()).append("_confidence");
        }
        return b.toString();
    }

    /** A cell as CSV wants it: quoted when it holds a comma, a quote or a line break. */
    static String quoted(String s) {
        if (s == null) {
            return "";
        }
        boolean quote = s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
