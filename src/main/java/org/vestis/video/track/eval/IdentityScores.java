package org.vestis.video.track.eval;

import org.vestis.video.track.Assignment;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity scores of Ristani et al. 2016 (IDF1, IDP, IDR): each ground-truth id is paired with at most one
 * result id for the whole sequence, the pairing that maximises IDTP, the number of frames in which paired ids both
 * have a box and those boxes may pair (IoU >= 0.5). Unlike CLEAR-MOT, which forgives a switch once it has happened,
 * a person whose track changes id halfway counts only the longer half. Same rules as py-motmetrics'
 * id_global_assignment (which minimises IDFP + IDFN, the same thing).
 *
 * @param truthBoxes  ground-truth boxes over all frames (IDTP + IDFN)
 * @param resultBoxes result boxes over all frames (IDTP + IDFP)
 */
public record IdentityScores(long idtp, long truthBoxes, long resultBoxes) {

    public static IdentityScores of(Iterable<FrameDistances> frames) {
        // Only ids that ever may pair can add to IDTP: the matrix is over those alone.
        Map<Long, Integer> truthIndex = new LinkedHashMap<>();
        Map<Long, Integer> resultIndex = new LinkedHashMap<>();
        Map<Long, Map<Long, Integer>> together = new HashMap<>(); // truth id -> result id -> frames that may pair
        long truthBoxes = 0;
        long resultBoxes = 0;
        for (FrameDistances f : frames) {
            truthBoxes += f.truthIds().length;
            resultBoxes += f.resultIds().length;
            for (int i = 0; i < f.truthIds().length; i++) {
                for (int j = 0; j < f.resultIds().length; j++) {
                    if (Double.isFinite(f.distances()[i][j])) {
                        long t = f.truthIds()[i];
                        long r = f.resultIds()[j];
                        truthIndex.putIfAbsent(t, truthIndex.size());
                        resultIndex.putIfAbsent(r, resultIndex.size());
                        together.computeIfAbsent(t, k -> new HashMap<>()).merge(r, 1, Integer::sum);
                    }
                }
            }
        }
        double[][] cost = new double[truthIndex.size()][resultIndex.size()];
        together.forEach((t, row) -> row.forEach((r, count) -> cost[truthIndex.get(t)][resultIndex.get(r)] = -count));
        int[] column = Assignment.solve(cost, 0); // every pair allowed: a full assignment maximising the frames
        long idtp = 0;
        for (int i = 0; i < column.length; i++) {
            if (column[i] >= 0) {
                idtp -= (long) cost[i][column[i]];
            }
        }
        return new IdentityScores(idtp, truthBoxes, resultBoxes);
    }

    public long idfn() {
        return truthBoxes - idtp;
    }

    public long idfp() {
        return resultBoxes - idtp;
    }

    /** 2 IDTP / (ground-truth boxes + result boxes); NaN when there are neither. */
    public double idf1() {
        return ClearMot.ratio(2.0 * idtp, truthBoxes + resultBoxes);
    }

    /** IDTP / result boxes. */
    public double idp() {
        return ClearMot.ratio(idtp, resultBoxes);
    }

    /** IDTP / ground-truth boxes. */
    public double idr() {
        return ClearMot.ratio(idtp, truthBoxes);
    }
}
