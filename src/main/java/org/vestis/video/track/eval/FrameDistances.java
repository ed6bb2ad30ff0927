package org.vestis.video.track.eval;

import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * One frame as the scores see it: the ground-truth ids, the result ids, and their pairwise distances
 * ({@code distances[truth][result]}, 1 - IoU, NaN for "may not pair"): the one definition of which boxes may pair,
 * read by CLEAR-MOT and IDF1 alike. Tests may build frames with distances of their own, as py-motmetrics' tests
 * feed its accumulator. Every id appears at most once per frame and side.
 */
public record FrameDistances(int frame, long[] truthIds, long[] resultIds, double[][] distances) {
    /** A pair may match when 1 - IoU is at most this, i.e. IoU >= 0.5 (MOTChallenge, py-motmetrics' distth). */
    public static final double MAX_DISTANCE = 0.5;

    /**
     * Every frame in which the ground truth or the result has a box, in order: a frame only in the ground truth
     * gives misses, one only in the result false positives (as py-motmetrics' compare_to_groundtruth). Each frame's
     * distances are computed when the iteration reaches it and not kept, so a long crowded sequence needs the
     * memory of one frame's matrix, not of all of them.
     */
    public static Iterable<FrameDistances> of(List<MotBox> truth, List<MotBox> result) {
        Map<Integer, List<MotBox>> truthByFrame = byFrame(truth);
        Map<Integer, List<MotBox>> resultByFrame = byFrame(result);
        SortedSet<Integer> frames = new TreeSet<>(truthByFrame.keySet());
        frames.addAll(resultByFrame.keySet());
        return () -> frames.stream()
                .map(f -> of(f, truthByFrame.getOrDefault(f, List.of()), resultByFrame.getOrDefault(f, List.of())))
                .iterator();
    }

    /** One frame's ids and distances. */
    public static FrameDistances of(int frame, List<MotBox> truth, List<MotBox> result) {
        double[][] d = new double[truth.size()][result.size()];
        for (int i = 0; i < truth.size(); i++) {
            for (int j = 0; j < result.size(); j++) {
                d[i][j] = distance(truth.get(i).box(), result.get(j).box());
            }
        }
        return new FrameDistances(frame, ids(truth, frame), ids(result, frame), d);
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

    private static long[] ids(List<MotBox> boxes, int frame) {
        long[] ids = boxes.stream().mapToLong(MotBox::id).toArray();
        if (LongStream.of(ids).distinct().count() != ids.length) {
            throw new IllegalArgumentException("an id appears twice in frame " + frame + ": " + Arrays.toString(ids));
        }
        return ids;
    }
}
