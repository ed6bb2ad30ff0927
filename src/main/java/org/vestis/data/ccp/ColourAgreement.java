package org.vestis.data.ccp;

import org.vestis.video.ColourTerm;

import java.util.List;
import java.util.Map;

/**
 * How often the pipeline's colour of a slot names the same basic colour as the garment's own labelled pixels
 * ({@link SlotColourTruth}), over the photos where the slot is worn, its true colour has a name and the pipeline
 * answered the slot with a garment. Two-coloured answers count by their first (main) colour.
 *
 * @param slot     the slot
 * @param compared photos compared
 * @param agree    of those, photos with the same main colour
 * @param unknown  of those, photos where the pipeline said "unknown"
 */
public record ColourAgreement(String slot, int compared, int agree, int unknown) {

    /** {@code agree / compared}, NaN without photos. */
    public double agreement() {
        return compared == 0 ? Double.NaN : (double) agree / compared;
    }

    /**
     * One slot over the photos: {@code truth.get(i)} and {@code answers.get(i)} map slots to colour words for photo i
     * (a slot the pipeline left empty, or a photo without a person, has no answer entry).
     */
    public static ColourAgreement of(String slot, List<Map<String, String>> truth, List<Map<String, String>> answers) {
        if (truth.size() != answers.size()) {
            throw new IllegalArgumentException(truth.size() + " truths but " + answers.size() + " answers");
        }
        int compared = 0, agree = 0, unknown = 0;
        for (int i = 0; i < truth.size(); i++) {
            String t = mainColour(truth.get(i).get(slot));
            String a = mainColour(answers.get(i).get(slot));
            if (t == null || a == null || t.equals(ColourTerm.UNKNOWN.label())) {
                continue;
            }
            compared++;
            agree += t.equals(a) ? 1 : 0;
            unknown += a.equals(ColourTerm.UNKNOWN.label()) ? 1 : 0;
        }
        return new ColourAgreement(slot, compared, agree, unknown);
    }

    /** "black" of "black/white"; null stays null. */
    static String mainColour(String word) {
        if (word == null) {
            return null;
        }
        int slash = word.indexOf('/');
        return slash < 0 ? word : word.substring(0, slash);
    }
}
