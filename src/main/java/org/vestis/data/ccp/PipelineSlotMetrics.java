package org.vestis.data.ccp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Garment slots scored on whole photos, as the pipeline described them against {@link SlotTruth}.
 * <ul>
 *   <li>Top, bottom and footwear: accuracy over the photos whose slot is worn; a slot the pipeline left {@code none}
 *   (its body part not seen) is wrong. Baseline: always the slot's most frequent class on the training photos.</li>
 *   <li>Headwear and outerwear: presence precision, recall and F1 (worn is the positive answer). Baselines: the F1 of
 *   always answering "worn", and the accuracy of always giving the training photos' majority answer.</li>
 *   <li>A photo in which no person was found ({@code missed}) counts against every slot: wrong for the classes; for
 *   presence a false negative when the slot is worn, a false positive when it is not (the pipeline said nothing
 *   there, so it earns nothing).</li>
 * </ul>
 */
public final class PipelineSlotMetrics {
    public static final String NONE = "none";
    public static final String NO_PERSON = "no person";

    /**
     * One photo: its truth (slot to class, worn slots only), the pipeline's answer (slot to class or {@value #NONE};
     * ignored when {@code missed}) and whether no person was found.
     */
    public record Photo(String id, Map<String, String> truth, Map<String, String> predicted, boolean missed) {
        String answer(String slot) {
            return missed ? NO_PERSON : predicted.getOrDefault(slot, NONE);
        }
    }

    /**
     * A slot scored by class. {@code confusion}: rows the true classes, columns the classes then {@value #NONE} and
     * {@value #NO_PERSON}.
     */
    public record ClassSlot(String slot, List<String> classes, int photos, int right, double accuracy, String majorityClass,
                            double baseline, long[][] confusion) {
    }

    /**
     * A slot scored by presence. {@code confusion}: rows worn, not worn; columns worn, {@value #NONE}, {@value #NO_PERSON}.
     */
    public record PresenceSlot(String slot, double threshold, int photos, int worn, int truePositives, int falsePositives,
                               int falseNegatives, double precision, double recall, double f1, double accuracy,
                               double alwaysWornF1, boolean majorityWorn, double majorityAccuracy, long[][] confusion) {
    }

    private PipelineSlotMetrics() {
    }

    /** Accuracy of a class slot over the photos wearing it; {@code train}: the truths of the training photos. */
    public static ClassSlot classes(String slot, List<String> classes, List<Photo> photos, List<Map<String, String>> train) {
        String majority = majorityClass(slot, classes, train);
        long[][] confusion = new long[classes.size()][classes.size() + 2];
        int n = 0, right = 0, baseRight = 0;
        for (Photo p : photos) {
            String truth = p.truth().get(slot);
            if (truth == null) {
                continue;
            }
            int row = classes.indexOf(truth);
            if (row < 0) {
                throw new IllegalArgumentException("The class " + truth + " is not one of the " + slot + " classes " + classes);
            }
            n++;
            String answer = p.answer(slot);
            if (answer.equals(truth)) right++;
            if (truth.equals(majority)) baseRight++;
            int col = classes.indexOf(answer);
            confusion[row][col >= 0 ? col : answer.equals(NO_PERSON) ? classes.size() + 1 : classes.size()]++;
        }
        return new ClassSlot(slot, List.copyOf(classes), n, right, ratio(right, n), majority, ratio(baseRight, n), confusion);
    }

    /** Presence of an optional slot, decided by the pipeline at {@code threshold} (recorded, not applied here). */
    public static PresenceSlot presence(String slot, double threshold, List<Photo> photos, List<Map<String, String>> train) {
        long[][] confusion = new long[2][3];
        int tp = 0, fp = 0, fn = 0, worn = 0;
        for (Photo p : photos) {
            boolean truth = p.truth().containsKey(slot);
            String answer = p.answer(slot);
            boolean said = !answer.equals(NONE) && !answer.equals(NO_PERSON);
            worn += truth ? 1 : 0;
            if (p.missed()) {
                if (truth) fn++; else fp++;
            } else if (said && truth) {
                tp++;
            } else if (said) {
                fp++;
            } else if (truth) {
                fn++;
            }
            confusion[truth ? 0 : 1][p.missed() ? 2 : said ? 0 : 1]++;
        }
        int n = photos.size();
        long trainWorn = train.stream().filter(t -> t.containsKey(slot)).count();
        boolean majorityWorn = trainWorn * 2 > train.size();
        int correct = tp + (n - worn - fp); // right: the true positives and the true negatives
        return new PresenceSlot(slot, threshold, n, worn, tp, fp, fn, ratio(tp, tp + fp), ratio(tp, tp + fn), f1(tp, fp, fn),
                ratio(correct, n), f1(worn, n - worn, 0), majorityWorn, ratio(majorityWorn ? worn : n - worn, n), confusion);
    }

    /**
     * The presence threshold with the best F1 on these photos: thresholds 0.01 to 0.99 in steps of 0.01 are tried;
     * of several with the best F1 (a plateau between two scores), the middle one, which leaves most room either side.
     *
     * @param worn   per photo, whether the slot is worn
     * @param score  per photo, the slot's presence score (NaN: its part not seen)
     * @param missed per photo, whether no person was found
     */
    public static double chooseThreshold(boolean[] worn, double[] score, boolean[] missed) {
        List<Integer> best = new ArrayList<>();
        double bestF1 = -1;
        for (int k = 1; k <= 99; k++) {
            double t = k / 100.0;
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < worn.length; i++) {
                boolean said = !missed[i] && score[i] >= t;
                if (missed[i] && !worn[i]) fp++;
                else if (said && worn[i]) tp++;
                else if (said) fp++;
                else if (worn[i]) fn++;
            }
            double f = f1(tp, fp, fn);
            if (f > bestF1 + 1e-12) {
                bestF1 = f;
                best.clear();
            }
            if (Math.abs(f - bestF1) <= 1e-12) {
                best.add(k);
            }
        }
        return best.get(best.size() / 2) / 100.0;
    }

    /** The most frequent class of the slot among the training photos wearing it (the first listed on a tie or none). */
    static String majorityClass(String slot, List<String> classes, List<Map<String, String>> train) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classes.forEach(c -> counts.put(c, 0));
        train.forEach(t -> {
            if (t.containsKey(slot)) {
                counts.merge(t.get(slot), 1, Integer::sum);
            }
        });
        String best = classes.get(0);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** F1 of worn as the positive answer; 0 when nothing is right (also when nothing is worn or said). */
    static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double ratio(int a, int n) {
        return n == 0 ? Double.NaN : (double) a / n;
    }
}
