package org.vestis.data.ccp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy of one classifier over every garment class, judged slot by slot. For the crops of one slot:
 * <ul>
 *   <li>{@code accuracy}: the class with the highest probability over all classes is the true one;</li>
 *   <li>{@code maskedAccuracy}: the same with the argmax taken over the slot's classes only (the pipeline knows which
 *   body region a crop comes from, so it may ask "which top?" rather than "which garment?");</li>
 *   <li>{@code slotRight}: the unmasked prediction at least names a class of the right slot;</li>
 *   <li>{@code baseline}: always answering the slot's most frequent training class.</li>
 * </ul>
 * A slot with one class (hat, outerwear) scores 100% masked, by construction: it only says how often the unmasked
 * head wanders into other slots.
 */
public final class SlotMetrics {

    public record Slot(String slot, List<String> classes, int count, double accuracy, double maskedAccuracy,
                       double slotRight, String majorityClass, double baseline, long[][] maskedConfusion) {
    }

    private SlotMetrics() {
    }

    /**
     * @param labels        the model's classes, in output order
     * @param slotOf        class name to slot
     * @param trueLabels    per crop, the index of its true class
     * @param probabilities per crop, the model's output
     * @param trainCounts   per class index, its training crops (for the majority baseline)
     */
    public static List<Slot> of(List<String> labels, Map<String, String> slotOf, int[] trueLabels, float[][] probabilities,
                                int[] trainCounts) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (String s : CcpSlots.SLOTS) {
            members.put(s, new ArrayList<>());
        }
        for (int i = 0; i < labels.size(); i++) {
            String slot = slotOf.get(labels.get(i));
            if (slot == null) {
                throw new IllegalArgumentException("No slot for the class " + labels.get(i));
            }
            members.computeIfAbsent(slot, k -> new ArrayList<>()).add(i);
        }
        List<Slot> result = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
            List<Integer> cls = e.getValue();
            if (cls.isEmpty()) {
                continue;
            }
            int majority = cls.get(0);
            for (int c : cls) {
                if (trainCounts[c] > trainCounts[majority]) {
                    majority = c;
                }
            }
            int n = 0, right = 0, maskedRight = 0, inSlot = 0, baseRight = 0;
            long[][] confusion = new long[cls.size()][cls.size()];
            for (int k = 0; k < trueLabels.length; k++) {
                int t = trueLabels[k];
                int row = cls.indexOf(t);
                if (row < 0) {
                    continue;
                }
                n++;
                float[] p = probabilities[k];
                int all = 0;
                for (int j = 1; j < p.length; j++) {
                    if (p[j] > p[all]) {
                        all = j;
                    }
                }
                int masked = cls.get(0);
                for (int c : cls) {
                    if (p[c] > p[masked]) {
                        masked = c;
                    }
                }
                if (all == t) right++;
                if (masked == t) maskedRight++;
                if (cls.contains(all)) inSlot++;
                if (majority == t) baseRight++;
                confusion[row][cls.indexOf(masked)]++;
            }
            List<String> names = cls.stream().map(labels::get).toList();
            result.add(new Slot(e.getKey(), names, n, ratio(right, n), ratio(maskedRight, n), ratio(inSlot, n),
                    labels.get(majority), ratio(baseRight, n), confusion));
        }
        return result;
    }

    private static double ratio(int a, int n) {
        return n == 0 ? Double.NaN : (double) a / n;
    }
}
