package org.vestis.video.track;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Detection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Associates detections across frames by box overlap: greedy matching of the highest IoU pairs first, a new
 * track for every unmatched detection, confirmation after {@code confirmHits} hits (absorbs one-frame
 * ghosts) and removal after {@code maxMisses} frames without a match. Ids are never reused.
 */
public final class IouTracker implements Tracker {
    private final double minIou;
    private final int confirmHits;
    private final int maxMisses;
    private final List<Track> tracks = new ArrayList<>();
    private final EndedTracks removed = new EndedTracks();
    private int nextId = 1;

    private static final class Track {
        final int id;
        Detection last;
        int hits = 1;
        int misses;

        Track(int id, Detection first) {
            this.id = id;
            this.last = first;
        }
    }

    public IouTracker(double minIou, int confirmHits, int maxMisses) {
        this.minIou = minIou;
        this.confirmHits = confirmHits;
        this.maxMisses = maxMisses;
    }

    /** The detections of one frame, each with its track; in the order of {@code detections}; the pixels are not used. */
    @Override
    public List<TrackedDetection> update(List<Detection> detections, Mat bgrFrame) {
        int[] trackOf = new int[detections.size()];
        java.util.Arrays.fill(trackOf, -1);
        boolean[] trackUsed = new boolean[tracks.size()];
        List<double[]> pairs = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            for (int t = 0; t < tracks.size(); t++) {
                double iou = detections.get(d).box().iou(tracks.get(t).last.box());
                if (iou >= minIou) {
                    pairs.add(new double[]{iou, d, t});
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        for (double[] p : pairs) {
            int d = (int) p[1];
            int t = (int) p[2];
            if (trackOf[d] < 0 && !trackUsed[t]) {
                trackOf[d] = t;
                trackUsed[t] = true;
            }
        }
        for (int t = 0; t < tracks.size(); t++) {
            if (!trackUsed[t]) {
                tracks.get(t).misses++;
            }
        }
        List<TrackedDetection> out = new ArrayList<>();
        List<Track> born = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            Detection det = detections.get(d);
            Track track;
            if (trackOf[d] >= 0) {
                track = tracks.get(trackOf[d]);
                track.last = det;
                track.hits++;
                track.misses = 0;
            } else {
                track = new Track(nextId++, det);
                born.add(track);
            }
            out.add(new TrackedDetection(track.id, track.hits >= confirmHits, det));
        }
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (t.misses > maxMisses) {
                removed.add(t.id);
                it.remove();
            }
        }
        tracks.addAll(born);
        return out;
    }

    /** Ids of the tracks dropped since the last call (so per-track state elsewhere can be freed). */
    @Override
    public List<Integer> drainRemoved() {
        return removed.drain();
    }
}
