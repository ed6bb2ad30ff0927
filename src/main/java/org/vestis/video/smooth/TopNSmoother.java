package org.vestis.video.smooth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per track, keeps the N best frames (by crop quality) and averages their class probabilities: a single
 * frame is unreliable (blur, occlusion, pose), the best few of a track are not. Tracks that end are forgotten
 * with {@link #forget(int)}.
 */
public final class TopNSmoother {
    private final int n;
    private final Map<Integer, List<Scored>> best = new HashMap<>();

    private record Scored(double quality, float[] probabilities) {
    }

    public TopNSmoother(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1");
        }
        this.n = n;
    }

    /** Adds this frame's probabilities for the track and returns the smoothed probabilities. */
    public float[] update(int trackId, double quality, float[] probabilities) {
        List<Scored> kept = best.computeIfAbsent(trackId, id -> new ArrayList<>(n + 1));
        kept.add(new Scored(quality, probabilities.clone()));
        kept.sort((a, b) -> Double.compare(b.quality, a.quality));
        if (kept.size() > n) {
            kept.remove(kept.size() - 1);
        }
        float[] mean = new float[probabilities.length];
        for (Scored s : kept) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += s.probabilities[i] / kept.size();
            }
        }
        return mean;
    }

    public void forget(int trackId) {
        best.remove(trackId);
    }
}
