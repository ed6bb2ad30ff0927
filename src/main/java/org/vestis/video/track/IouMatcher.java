package org.vestis.video.track;

import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-to-one matching of track boxes to detection boxes by overlap: the assignment of least total (1 - IoU), plus
 * an optional extra cost per pair (appearance), among pairs with IoU at or above a threshold. Boxes that overlap nothing are set aside first and the rest is
 * solved per group of mutually overlapping boxes, so a crowd of thousands of boxes (or thousands of lost
 * tracks) costs a few small assignments instead of one cubic one.
 */
final class IouMatcher {
    private IouMatcher() {
    }

    /** A cost added to a pair's 1 - IoU; NaN forbids the pair. */
    interface ExtraCost {
        ExtraCost NONE = (track, detection) -> 0;

        double of(int track, int detection);
    }

    /** The detection matched to each track, or -1, with {@code extra} added to each allowed pair's cost. */
    static int[] match(List<Box> tracks, List<Box> detections, double minIou, ExtraCost extra) {
        int n = tracks.size();
        int m = detections.size();
        int[] detectionOf = new int[n];
        Arrays.fill(detectionOf, -1);
        // Union-find over tracks (0..n-1) and detections (n..n+m-1) joined by every allowed pair.
        int[] parent = new int[n + m];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<int[]> pairs = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < m; d++) {
                double iou = tracks.get(t).iou(detections.get(d));
                double cost = iou >= minIou ? 1 - iou + extra.of(t, d) : Double.NaN;
                if (!Double.isNaN(cost)) {
                    pairs.add(new int[]{t, d});
                    costs.add(cost);
                    parent[find(parent, t)] = find(parent, n + d);
                }
            }
        }
        // Group the pairs by component and solve each component's small cost matrix.
        int[] componentOf = new int[n + m];
        Arrays.fill(componentOf, -1);
        List<List<Integer>> componentPairs = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            int root = find(parent, pairs.get(k)[0]);
            if (componentOf[root] < 0) {
                componentOf[root] = componentPairs.size();
                componentPairs.add(new ArrayList<>());
            }
            componentPairs.get(componentOf[root]).add(k);
        }
        int[] localIndex = new int[n + m]; // a box's row or column in its component's matrix (each box is in one)
        Arrays.fill(localIndex, -1);
        for (List<Integer> component : componentPairs) {
            solveComponent(component, pairs, costs, n, localIndex, detectionOf);
        }
        return detectionOf;
    }

    private static void solveComponent(List<Integer> component, List<int[]> pairs, List<Double> costs, int n, int[] localIndex,
                                       int[] detectionOf) {
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int k : component) {
            int t = pairs.get(k)[0];
            int d = n + pairs.get(k)[1];
            if (localIndex[t] < 0) {
                localIndex[t] = rows.size();
                rows.add(t);
            }
            if (localIndex[d] < 0) {
                localIndex[d] = cols.size();
                cols.add(d - n);
            }
        }
        double[][] cost = new double[rows.size()][cols.size()];
        for (double[] row : cost) {
            Arrays.fill(row, Double.NaN);
        }
        for (int k : component) {
            cost[localIndex[pairs.get(k)[0]]][localIndex[n + pairs.get(k)[1]]] = costs.get(k);
        }
        int[] assigned = Assignment.solve(cost, Double.MAX_VALUE); // forbidden pairs are NaN
        for (int r = 0; r < assigned.length; r++) {
            if (assigned[r] >= 0) {
                detectionOf[rows.get(r)] = cols.get(assigned[r]);
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
