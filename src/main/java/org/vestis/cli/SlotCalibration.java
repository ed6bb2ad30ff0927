package org.vestis.cli;

import org.vestis.data.ccp.SlotTruth;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.garment.SlotDecision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the confidence the pipeline states for a class slot (top, bottom, footwear) means what it says: on the photos
 * where the slot is worn and the person's part was seen, the mean stated confidence against how often the answer is
 * right, and the Brier score of the slot's class probabilities (after the temperature) against the true class, footwear
 * as boots / sandals / other (a class the model lacks has probability 0). The temperature is chosen for the lowest
 * Brier score over the three slots together, a proper score that, unlike the log-likelihood, stays finite for classes
 * the model cannot name.
 *
 * @param slot       the slot
 * @param photos     photos scored (worn, person found, part seen)
 * @param confidence the mean confidence the pipeline states for its answer
 * @param accuracy   the share of those answers that are right
 * @param brier      the mean Brier score (0 perfect, 2 worst)
 */
record SlotCalibration(String slot, int photos, double confidence, double accuracy, double brier) {
    /** The temperatures tried: 0.5 to 4 in steps of 0.1. */
    static final double MIN = 0.5;
    static final double MAX = 4.0;

    static List<SlotCalibration> of(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes) {
        List<SlotCalibration> out = new ArrayList<>();
        for (String name : GarmentsEvalCommand.CLASS_SLOTS) {
            GarmentSlot slot = GarmentSlot.of(name);
            int n = 0;
            int right = 0;
            double confidence = 0;
            double brier = 0;
            for (GarmentsEvalCommand.PhotoRun r : runs) {
                String truth = r.truth().get(name);
                float[] p = r.observation() == null ? null : r.observation().probabilities().get(slot.part());
                if (truth == null || p == null) {
                    continue;
                }
                PersonGarments g = SlotDecision.decide(classes, r.observation());
                n++;
                right += SlotTruth.evalClass(name, g.get(slot).label()).equals(truth) ? 1 : 0;
                confidence += g.get(slot).confidence();
                brier += brier(name, classes.distribution(slot, p), truth);
            }
            out.add(new SlotCalibration(name, n, n == 0 ? Double.NaN : confidence / n, n == 0 ? Double.NaN : (double) right / n,
                    n == 0 ? Double.NaN : brier / n));
        }
        return out;
    }

    /** The temperature with the lowest Brier score over the class slots' photos together (1 when none is scored). */
    static double chooseTemperature(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes) {
        double best = 1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int step = 0; MIN + step * 0.1 <= MAX + 1e-9; step++) {
            double t = Math.round((MIN + step * 0.1) * 10) / 10.0;
            double total = 0;
            int n = 0;
            for (SlotCalibration c : of(runs, classes.withTemperature(t))) {
                if (c.photos() > 0) {
                    total += c.brier() * c.photos();
                    n += c.photos();
                }
            }
            if (n > 0 && total / n < bestScore - 1e-12) {
                bestScore = total / n;
                best = t;
            }
        }
        return best;
    }

    /** Sum over the evaluation classes of (probability - 1 for the true class, else 0) squared. */
    static double brier(String slot, Map<String, Double> distribution, String truth) {
        Map<String, Double> byEvalClass = new HashMap<>();
        distribution.forEach((c, q) -> byEvalClass.merge(SlotTruth.evalClass(slot, c), q, Double::sum));
        double sum = 0;
        for (Map.Entry<String, Double> e : byEvalClass.entrySet()) {
            double target = e.getKey().equals(truth) ? 1 : 0;
            sum += (e.getValue() - target) * (e.getValue() - target);
        }
        return byEvalClass.containsKey(truth) ? sum : sum + 1;
    }
}
