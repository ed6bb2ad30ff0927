package org.vestis.video.track.eval;

import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One frame as the scores see it: the ground-truth ids, the result ids, and their pairwise distances
 * ({@code distances[truth][result]}, 1 - IoU, NaN for "may not pair"). Built once per frame so that CLEAR-MOT
 * and IDF1 read the same pairs; tests may build frames with distances of their own, as py-motmetrics' tests feed
 * its accumulator. Every id appears at most once per frame.
 */
public record FrameDistances(int frame, long[] truthIds, long[] resultIds, double[][] distances) {
    /** A pair may match when 1 - IoU is at most this, i.e. IoU >= 0.5 (MOTChallenge, py-motmetrics' distth). */
    public static final double MAX_DISTANCE = 0.5;

    /**
     * Every frame in which the ground truth or the result has a box, in order: a frame only in the ground truth
     * gives misses, one only in the result false positives (as py-motmetrics' compare_to_groundtruth).
     */
    public static List<FrameDistances> of(List<MotBox> truth, List<MotBox> result) {
        Map<Integer, List<MotBox>> truthByFrame = byFrame(truth);
        Map<Integer, List<MotBox>> resultByFrame = byFrame(result);
        SortedSet<Integer> frames = new TreeSet<>(truthByFrame.keySet());
        frames.addAll(resultByFrame.keySet());
        List<FrameDistances> out = new ArrayList<>(frames.size());
        for (int frame : frames) {
            List<MotBox> t = truthByFrame.getOrDefault(frame, List.of());
            List<MotBox> r = resultByFrame.getOrDefault(frame, List.of());
            double[][] d = new double[t.size()][r.size()];
            for (int i = 0; i < t.size(); i++) {
                for (int j = 0; j < r.size(); j++) {
                    d[i][j] = distance(t.get(i).box(), r.get(j).box());
                }
            }
            out.add(new FrameDistances(frame, ids(t), ids(r), d));
        }
        return out;
    }

    /** 1 - IoU, or NaN when that is above {@link #MAX_DISTANCE} (py-motmetrics' iou_matrix with max_iou 0.5). */
    public static double distance(Box truth, Box result) {
        double d = 1 - truth.iou(result);
        return d > MAX_DISTANCE ? Double.NaN : d;
    }

    private static Map<Integer, List<MotBox>> byFrame(List<MotBox> boxes) {
        Map<Integer, List<MotBox>> map = new TreeMap<>();
        for (MotBox b : boxes) {
            map.computeIfAbsent(b.frame(), f -> new ArrayList<>()).add(b);
        }
        return map;
    }

    private static long[] ids(List<MotBox> boxes) {
        return boxes.stream().mapToLong(MotBox::id).toArray();
    }
}
