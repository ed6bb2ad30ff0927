package org.vestis.video.garment;

import org.vestis.video.BodyPart;
import org.vestis.video.ColourTerm;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per track, keeps the N best looks at a person (by crop quality) and describes the person from them: each part's
 * class probabilities averaged over the looks that saw that part, each slot's colour by a vote weighted by quality
 * (unknown colours do not vote), the regions' source and confidence from the best look. As with single labels
 * ({@link org.vestis.video.smooth.TopNSmoother}), one frame is unreliable and the best few of a track are not.
 * {@link #wouldKeep} lets the caller skip the costly look at a crop that would not enter the N best.
 */
public final class GarmentSmoother {
    private final int n;
    private final SlotClasses classes;
    private final Map<Integer, List<Look>> best = new HashMap<>();

    private record Look(double quality, GarmentObservation observation) {
    }

    public GarmentSmoother(int n, SlotClasses classes) {
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1");
        }
        this.n = n;
        this.classes = classes;
    }

    /** Whether a look of this quality would enter the track's N best. */
    public boolean wouldKeep(int trackId, double quality) {
        List<Look> kept = best.get(trackId);
        return kept == null || kept.size() < n || quality > kept.get(kept.size() - 1).quality;
    }

    /**
     * How much a look of this quality would improve the track: infinite while the track has fewer than N looks (the
     * fewer, the larger), else the quality over the worst kept one (above 1 when it would enter the best N).
     */
    public double gain(int trackId, double quality) {
        List<Look> kept = best.get(trackId);
        if (kept == null || kept.size() < n) {
            return Double.MAX_VALUE / (1 + (kept == null ? 0 : kept.size()));
        }
        return quality / Math.max(kept.get(kept.size() - 1).quality, 1e-12);
    }

    /** Adds a look at the track's person (dropped when it is not among the N best). */
    public void add(int trackId, double quality, GarmentObservation observation) {
        List<Look> kept = best.computeIfAbsent(trackId, id -> new ArrayList<>(n + 1));
        kept.add(new Look(quality, observation));
        kept.sort((a, b) -> Double.compare(b.quality, a.quality));
        if (kept.size() > n) {
            kept.remove(kept.size() - 1);
        }
    }

    /** The person's garments over the kept looks; every slot unseen before the first look. */
    public PersonGarments current(int trackId) {
        List<Look> kept = best.get(trackId);
        if (kept == null || kept.isEmpty()) {
            return PersonGarments.unseen();
        }
        return SlotDecision.decide(classes, merged(kept));
    }

    public void forget(int trackId) {
        best.remove(trackId);
    }

    private static GarmentObservation merged(List<Look> looks) {
        Map<BodyPart, float[]> sums = new EnumMap<>(BodyPart.class);
        Map<BodyPart, Integer> counts = new EnumMap<>(BodyPart.class);
        Map<GarmentSlot, Map<String, Double>> votes = new EnumMap<>(GarmentSlot.class);
        for (Look look : looks) {
            look.observation().probabilities().forEach((part, p) -> {
                float[] sum = sums.computeIfAbsent(part, k -> new float[p.length]);
                for (int i = 0; i < p.length; i++) {
                    sum[i] += p[i];
                }
                counts.merge(part, 1, Integer::sum);
            });
            look.observation().colours().forEach((slot, colour) -> {
                if (!ColourTerm.UNKNOWN.label().equals(colour)) {
                    votes.computeIfAbsent(slot, k -> new HashMap<>()).merge(colour, Math.max(look.quality(), 1e-9), Double::sum);
                }
            });
        }
        sums.forEach((part, sum) -> {
            int count = counts.get(part);
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= count;
            }
        });
        Map<GarmentSlot, String> colours = new EnumMap<>(GarmentSlot.class);
        votes.forEach((slot, v) -> colours.put(slot, v.entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey()));
        // The best look (first) gives the regions: its source and confidence stand for the track's.
        GarmentObservation best = looks.get(0).observation();
        return new GarmentObservation(best.regions(), sums, colours, best.person());
    }
}
