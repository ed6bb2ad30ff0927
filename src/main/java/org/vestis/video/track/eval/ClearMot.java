package org.vestis.video.track.eval;

import org.vestis.video.track.Assignment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The CLEAR-MOT counts (Bernardin and Stiefelhagen 2008) with py-motmetrics' rules, so that our figures compare
 * with published ones. Frame by frame:
 * <ol>
 *   <li>a ground-truth object matched in the previous frame keeps its result id if that id is present and may still
 *   pair (py-motmetrics since its pull request 127: the correspondence must come from the previous frame, not from
 *   any earlier one), even where another pairing would cost less;</li>
 *   <li>the others are paired by minimum total distance (Hungarian), most pairs first;</li>
 *   <li>a pairing is an ID switch when the object was last matched, in any earlier frame, to another result id;</li>
 *   <li>objects left unpaired are misses, result boxes left unpaired false positives.</li>
 * </ol>
 * A fragmentation is a run of misses between two frames in which the object is tracked (frames without the object
 * in the ground truth do not count). An object is mostly tracked when it is matched in at least 80% of its frames,
 * mostly lost under 20%, partly tracked in between. {@code matches} counts the pairings that are not switches, as
 * py-motmetrics' num_matches does; every pairing is a match or a switch.
 *
 * @param frames      frames scored (empty ones included)
 * @param truthIds    distinct ground-truth ids
 * @param resultIds   distinct result ids
 * @param distanceSum the sum of 1 - IoU over all pairings (py-motmetrics' MOTP is this over the pairings)
 */
public record ClearMot(int frames, long truthBoxes, long resultBoxes, int truthIds, int resultIds,
                       long matches, long switches, long falsePositives, long misses, double distanceSum,
                       long fragmentations, int mostlyTracked, int partlyTracked, int mostlyLost) {

    /** The counts over {@code frames}, in their order (each frame's predecessor is the one before it in the list). */
    public static ClearMot of(Iterable<FrameDistances> frames) {
        Counter c = new Counter();
        for (FrameDistances f : frames) {
            c.add(f);
        }
        return c.result();
    }

    /** Pairings, switches included. */
    long pairings() {
        return matches + switches;
    }

    /** 1 - (misses + false positives + switches) / ground-truth boxes; NaN without ground truth. */
    public double mota() {
        return 1 - ratio(misses + falsePositives + switches, truthBoxes);
    }

    /** MOTChallenge's MOTP: the mean IoU of the pairings (py-motmetrics prints 1 - this, the mean distance). */
    public double motp() {
        return 1 - ratio(distanceSum, pairings());
    }

    public double recall() {
        return ratio(pairings(), truthBoxes);
    }

    public double precision() {
        return ratio(pairings(), pairings() + falsePositives);
    }

    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /** What one ground-truth object has been through so far. */
    private static final class ObjectHistory {
        long present;
        long tracked;
        long fragmentations;
        boolean missedSinceTracked;
        Long lastResult; // the result id it was last matched to, in any frame (py-motmetrics' m)
        int lastMatchedStep = -1;

        void record(boolean isTracked) {
            present++;
            if (isTracked) {
                tracked++;
                if (missedSinceTracked) {
                    fragmentations++;
                }
                missedSinceTracked = false;
            } else if (tracked > 0) {
                missedSinceTracked = true;
            }
        }
    }

    private static final class Counter {
        final Map<Long, ObjectHistory> objects = new LinkedHashMap<>();
        final Set<Long> resultIds = new HashSet<>();
        int step;
        long truthBoxes;
        long resultBoxes;
        long matches;
        long switches;
        long falsePositives;
        long misses;
        double distanceSum;

        void add(FrameDistances f) {
            long[] truth = f.truthIds();
            long[] result = f.resultIds();
            int n = truth.length;
            int m = result.length;
            boolean[] truthPaired = new boolean[n];
            boolean[] resultPaired = new boolean[m];
            ObjectHistory[] history = new ObjectHistory[n];
            for (int i = 0; i < n; i++) {
                history[i] = objects.computeIfAbsent(truth[i], id -> new ObjectHistory());
            }
            double[][] d = new double[n][];
            for (int i = 0; i < n; i++) {
                d[i] = f.distances()[i].clone();
                for (int j = 0; j < m; j++) {
                    if (!Double.isFinite(d[i][j])) {
                        d[i][j] = Double.NaN;
                    }
                }
            }
            // 1. Correspondences of the previous frame carry over while they may still pair.
            for (int i = 0; i < n; i++) {
                ObjectHistory h = history[i];
                if (h.lastMatchedStep != step - 1 || h.lastResult == null) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    if (!resultPaired[j] && result[j] == h.lastResult) {
                        if (!Double.isNaN(d[i][j])) {
                            pair(h, result[j], d[i][j], false);
                            truthPaired[i] = true;
                            resultPaired[j] = true;
                        }
                        break;
                    }
                }
            }
            // 2. The rest by minimum total distance.
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    if (truthPaired[i] || resultPaired[j]) {
                        d[i][j] = Double.NaN;
                    }
                }
            }
            int[] column = Assignment.solve(d, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                int j = column[i];
                if (j < 0) {
                    continue;
                }
                ObjectHistory h = history[i];
                boolean isSwitch = h.lastResult != null && h.lastResult != result[j];
                pair(h, result[j], d[i][j], isSwitch);
                truthPaired[i] = true;
                resultPaired[j] = true;
            }
            // 3. and 4. What is left unpaired.
            for (int i = 0; i < n; i++) {
                history[i].record(truthPaired[i]);
                if (!truthPaired[i]) {
                    misses++;
                }
            }
            for (int j = 0; j < m; j++) {
                resultIds.add(result[j]);
                if (!resultPaired[j]) {
                    falsePositives++;
                }
            }
            truthBoxes += n;
            resultBoxes += m;
            step++;
        }

        private void pair(ObjectHistory h, long resultId, double distance, boolean isSwitch) {
            if (isSwitch) {
                switches++;
            } else {
                matches++;
            }
            distanceSum += distance;
            h.lastResult = resultId;
            h.lastMatchedStep = step;
        }

        ClearMot result() {
            long fragmentations = 0;
            int mostlyTracked = 0;
            int mostlyLost = 0;
            for (ObjectHistory h : objects.values()) {
                fragmentations += h.fragmentations;
                double trackedShare = (double) h.tracked / h.present;
                if (trackedShare >= 0.8) {
                    mostlyTracked++;
                } else if (trackedShare < 0.2) {
                    mostlyLost++;
                }
            }
            int partlyTracked = objects.size() - mostlyTracked - mostlyLost;
            return new ClearMot(step, truthBoxes, resultBoxes, objects.size(), resultIds.size(), matches, switches,
                    falsePositives, misses, distanceSum, fragmentations, mostlyTracked, partlyTracked, mostlyLost);
        }
    }
}
