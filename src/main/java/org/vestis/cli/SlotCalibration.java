package org.vestis.cli;

import org.vestis.data.ccp.SlotTruth;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.garment.PresenceCalibration;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.garment.SlotDecision;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the confidence the pipeline states means what it says. For a class slot (top, bottom, footwear): on the
 * photos where the slot is worn and the person's part was seen, the mean stated confidence against how often the answer
 * is right, and the Brier score of the slot's class probabilities (after the temperature) against the true class,
 * footwear as boots / sandals / other (a class the model lacks has probability 0). The temperature is chosen for the
 * lowest Brier score over the three slots together, a proper score that, unlike the log-likelihood, stays finite for
 * classes the model cannot name. For an optional slot (headwear, outerwear), one row for the photos it said worn and
 * one for those it said none: the stated confidence against how often that was right, and the Brier score of the
 * probability that the garment is worn.
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

    /** The class slots' rows, then two rows per optional slot: the photos it said worn, and those it said none. */
    static List<SlotCalibration> of(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes) {
        List<SlotCalibration> out = new ArrayList<>(classSlots(runs, classes));
        for (String name : GarmentsEvalCommand.PRESENCE_SLOTS) {
            GarmentSlot slot = GarmentSlot.of(name);
            for (boolean saidWorn : new boolean[] {true, false}) {
                int n = 0;
                int right = 0;
                double confidence = 0;
                double brier = 0;
                for (GarmentsEvalCommand.PhotoRun r : runs) {
                    float[] p = r.observation() == null ? null : r.observation().probabilities().get(slot.part());
                    if (p == null) {
                        continue;
                    }
                    PersonGarments g = SlotDecision.decide(classes, r.observation());
                    if (g.get(slot).worn() != saidWorn) {
                        continue;
                    }
                    boolean worn = r.truth().containsKey(name);
                    double likely = classes.presenceProbability(slot, Math.min(1, classes.score(slot, p)));
                    n++;
                    right += worn == saidWorn ? 1 : 0;
                    confidence += g.get(slot).confidence();
                    brier += (likely - (worn ? 1 : 0)) * (likely - (worn ? 1 : 0));
                }
                out.add(new SlotCalibration(name + (saidWorn ? " (said worn)" : " (said none)"), n, n == 0 ? Double.NaN : confidence / n,
                        n == 0 ? Double.NaN : (double) right / n, n == 0 ? Double.NaN : brier / n));
            }
        }
        return out;
    }

    /** Per optional slot, the presence calibration fitted on these photos (those where its part was seen). */
    static Map<GarmentSlot, PresenceCalibration> fitPresence(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes) {
        Map<GarmentSlot, PresenceCalibration> fitted = new EnumMap<>(GarmentSlot.class);
        for (String name : GarmentsEvalCommand.PRESENCE_SLOTS) {
            GarmentSlot slot = GarmentSlot.of(name);
            List<Double> scores = new ArrayList<>();
            List<Boolean> worn = new ArrayList<>();
            for (GarmentsEvalCommand.PhotoRun r : runs) {
                float[] p = r.observation() == null ? null : r.observation().probabilities().get(slot.part());
                if (p != null) {
                    scores.add(Math.min(1, classes.score(slot, p)));
                    worn.add(r.truth().containsKey(name));
                }
            }
            double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] w = new boolean[worn.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = worn.get(i);
            }
            fitted.put(slot, PresenceCalibration.fit(s, w));
        }
        return fitted;
    }

    /** The rows of top, bottom and footwear. */
    static List<SlotCalibration> classSlots(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes) {
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
            for (SlotCalibration c : classSlots(runs, classes.withTemperature(t))) {
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
