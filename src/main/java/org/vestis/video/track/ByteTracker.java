package org.vestis.video.track;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ByteTrack (Zhang et al., ECCV 2022): a Kalman filter per track predicts where each person will be, and
 * detections are matched to the predictions by overlap in three rounds. Confident detections go first, against
 * every track including those lost for a while (which is how a person who was hidden gets their id back); then
 * the weak detections, against the tracks seen last frame that are still unmatched (a half-hidden or blurred
 * person scores low but is still there); then the confident leftovers against tracks born last frame. A confident
 * detection that fits nothing starts a tentative track, confirmed after {@code confirmHits} frames in a row;
 * a tentative track that misses a frame ends, a confirmed one is lost and ends after {@code maxLostFrames}.
 *
 * <p>With an appearance weight and the frame's pixels, each track also keeps the colours of its person's clothes
 * ({@link ColourSignature}, a running mean over the frames where no other detection overlaps it), and a pair costs
 * more the more their colours differ: people side by side whose boxes overlap stop swapping ids, and a lost track
 * comes back only on someone dressed like it.
 */
public final class ByteTracker implements Tracker {
    /** A lost track this close to a live one is the same person seen twice: the shorter history goes. */
    private static final double DUPLICATE_IOU = 0.85;
    /** A detection overlapping another one more than this shows two people mixed: its colours teach no track. */
    private static final double ISOLATED_IOU = 0.3;
    /** A track's colours: the mean of its first frames, then a running mean that forgets slowly (lighting changes). */
    private static final int COLOUR_MEAN_FRAMES = 10;

    private final ByteTrackerSettings settings;
    private final List<Track> seen = new ArrayList<>();  // matched in the last frame: confirmed and tentative
    private final List<Track> lost = new ArrayList<>();  // confirmed, unmatched for 1..maxLostFrames frames
    private final EndedTracks removed = new EndedTracks();
    private int nextId = 1;
    private long frame;

    private static final class Track {
        final int id;
        final KalmanBoxFilter filter;
        final long firstFrame;
        long lastFrame;
        int hits = 1;
        boolean confirmed;
        float[] colours;
        int colourSamples;

        Track(int id, Box first, long frame, boolean confirmed) {
            this.id = id;
            this.filter = new KalmanBoxFilter(first);
            this.firstFrame = frame;
            this.lastFrame = frame;
            this.confirmed = confirmed;
        }
    }

    public ByteTracker(ByteTrackerSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<TrackedDetection> update(List<Detection> detections, Mat bgrFrame) {
        frame++;
        List<Integer> high = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        splitByScore(detections, high, low);
        Track[] trackOf = new Track[detections.size()];
        float[][] colours = new float[detections.size()][];
        if (settings.appearanceWeight() > 0 && bgrFrame != null) {
            high.forEach(d -> colours[d] = ColourSignature.of(bgrFrame, detections.get(d).box()));
            low.forEach(d -> colours[d] = ColourSignature.of(bgrFrame, detections.get(d).box()));
        }

        List<Track> confirmedSeen = seen.stream().filter(t -> t.confirmed).toList();
        List<Track> tentative = seen.stream().filter(t -> !t.confirmed).toList();
        confirmedSeen.forEach(t -> t.filter.predict(false));
        tentative.forEach(t -> t.filter.predict(false));
        lost.forEach(t -> t.filter.predict(true));

        List<Track> pool = new ArrayList<>(confirmedSeen);
        pool.addAll(lost);
        List<Track> poolLeft = match(pool, high, detections, colours, settings.firstIou(), trackOf);
        List<Track> seenLeft = poolLeft.stream().filter(t -> t.lastFrame == frame - 1).toList();
        List<Track> unmatchedSeen = match(seenLeft, low, detections, colours, settings.secondIou(), trackOf);
        List<Integer> highLeft = high.stream().filter(d -> trackOf[d] == null).toList();
        List<Track> unmatchedTentative = match(tentative, highLeft, detections, colours, settings.tentativeIou(), trackOf);

        boolean[] confident = new boolean[detections.size()];
        high.forEach(d -> confident[d] = true);
        List<TrackedDetection> out = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            Detection det = detections.get(d);
            Track t = trackOf[d];
            if (t == null && confident[d] && det.score() >= settings.newTrackScore()) {
                t = new Track(nextId++, det.box(), frame, settings.confirmHits() <= 1);
                trackOf[d] = t;
            } else if (t != null) {
                t.filter.update(det.box());
                t.lastFrame = frame;
                t.hits++;
                t.confirmed |= t.hits >= settings.confirmHits();
            }
            if (t != null) {
                if (colours[d] != null && confident[d] && isolated(d, detections)) {
                    t.colourSamples++;
                    t.colours = ColourSignature.blend(t.colours, colours[d], 1.0 / Math.min(t.colourSamples, COLOUR_MEAN_FRAMES));
                }
                out.add(new TrackedDetection(t.id, t.confirmed, det));
            }
        }
        rebuildLists(trackOf, unmatchedSeen, unmatchedTentative);
        return out;
    }

    @Override
    public List<Integer> drainRemoved() {
        return removed.drain();
    }

    /** Indices of confident and weak detections, of the {@code maxDetections} most confident at most. */
    private void splitByScore(List<Detection> detections, List<Integer> high, List<Integer> low) {
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            if (detections.get(d).score() >= settings.lowScore()) {
                order.add(d);
            }
        }
        if (order.size() > settings.maxDetections()) {
            order.sort(Comparator.comparingDouble((Integer d) -> -detections.get(d).score()));
            order = new ArrayList<>(order.subList(0, settings.maxDetections()));
            order.sort(null);
        }
        for (int d : order) {
            (detections.get(d).score() >= settings.highScore() ? high : low).add(d);
        }
    }

    /** Matches {@code tracks} to the still free detections {@code candidates}; returns the tracks left unmatched. */
    private List<Track> match(List<Track> tracks, List<Integer> candidates, List<Detection> detections, float[][] colours,
                              double minIou, Track[] trackOf) {
        List<Integer> free = candidates.stream().filter(d -> trackOf[d] == null).toList();
        List<Box> predicted = tracks.stream().map(t -> t.filter.box()).toList();
        List<Box> boxes = free.stream().map(d -> detections.get(d).box()).toList();
        IouMatcher.ExtraCost appearance = (t, d) -> {
            Track track = tracks.get(t);
            double distance = ColourSignature.distance(track.colours, colours[free.get(d)]);
            boolean lost = track.lastFrame < frame - 1;
            return lost && distance > settings.maxLostAppearance() ? Double.NaN : settings.appearanceWeight() * distance;
        };
        int[] detectionOf = IouMatcher.match(predicted, boxes, minIou, appearance);
        List<Track> left = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            if (detectionOf[t] >= 0) {
                trackOf[free.get(detectionOf[t])] = tracks.get(t);
            } else {
                left.add(tracks.get(t));
            }
        }
        return left;
    }

    /** Whether no other detection of the frame overlaps detection {@code d} much. */
    private static boolean isolated(int d, List<Detection> detections) {
        for (int o = 0; o < detections.size(); o++) {
            if (o != d && detections.get(o).box().iou(detections.get(d).box()) > ISOLATED_IOU) {
                return false;
            }
        }
        return true;
    }

    /** Which tracks were seen this frame, which are lost, and which end. */
    private void rebuildLists(Track[] trackOf, List<Track> unmatchedSeen, List<Track> unmatchedTentative) {
        List<Track> nowSeen = new ArrayList<>();
        for (Track t : trackOf) {
            if (t != null) {
                nowSeen.add(t);
            }
        }
        List<Track> nowLost = new ArrayList<>();
        for (Track t : lost) {
            if (t.lastFrame != frame) {
                if (frame - t.lastFrame > settings.maxLostFrames()) {
                    removed.add(t.id);
                } else {
                    nowLost.add(t);
                }
            }
        }
        for (Track t : unmatchedSeen) {
            if (settings.maxLostFrames() > 0) {
                nowLost.add(t);
            } else {
                removed.add(t.id);
            }
        }
        unmatchedTentative.forEach(t -> removed.add(t.id));
        nowLost.removeIf(l -> duplicateOfSeen(l, nowSeen));
        seen.clear();
        seen.addAll(nowSeen);
        lost.clear();
        lost.addAll(nowLost);
    }

    /** A lost track overlapping a seen one almost entirely: the one seen for fewer frames ends. */
    private boolean duplicateOfSeen(Track lostTrack, List<Track> nowSeen) {
        for (int i = 0; i < nowSeen.size(); i++) {
            Track s = nowSeen.get(i);
            if (s.filter.box().iou(lostTrack.filter.box()) > DUPLICATE_IOU) {
                if (s.lastFrame - s.firstFrame >= lostTrack.lastFrame - lostTrack.firstFrame) {
                    removed.add(lostTrack.id);
                    return true;
                }
            }
        }
        return false;
    }
}
