package org.vestis.video.track;

/**
 * The thresholds of {@link ByteTracker}, with ByteTrack's published defaults where it has them.
 *
 * @param highScore     detections at or above it are confident: they are matched first and may start tracks
 * @param lowScore      detections from it up to {@code highScore} only continue tracks already seen (occlusion, blur)
 * @param newTrackScore a confident detection that fits no track starts a new one only from this score
 * @param firstIou      least IoU of a confident detection with a track's predicted box
 * @param secondIou     least IoU of a weak detection with a track's predicted box
 * @param tentativeIou  least IoU of a detection with a track born in the previous frame
 * @param confirmHits   frames in a row a new track must be seen before it counts (and is drawn, written, scored)
 * @param maxLostFrames frames a lost track is kept for re-identification before it ends
 * @param maxDetections at most this many detections per frame are considered, the most confident (a crowd or a
 *                      broken detector must not make the frame's matching cost explode)
 * @param appearanceWeight how much the clothing colours count beside the overlap: a pair costs (1 - IoU) plus this
 *                      times their {@link ColourSignature#distance} (0: motion alone, as ByteTrack)
 * @param maxLostAppearance a lost track comes back only on a detection whose colours are at most this distance
 *                      from its own (1: any)
 */
public record ByteTrackerSettings(double highScore, double lowScore, double newTrackScore, double firstIou, double secondIou,
                                  double tentativeIou, int confirmHits, int maxLostFrames, int maxDetections,
                                  double appearanceWeight, double maxLostAppearance)
        implements TrackerSettings {

    /**
     * ByteTrack's thresholds (track_thresh 0.5, +0.1 for new tracks; match_thresh 0.8, 0.5 and 0.7 as costs 1 - IoU),
     * lost tracks kept 15 frames (ByteTrack: 30; longer let lost tracks come back on other objects in the smoothing
     * study), and clothing colours weighted 2 with lost tracks coming back within a distance of 0.35: chosen on the
     * TUD sequences and the smoothing study (README "Tracking").
     */
    public static final ByteTrackerSettings DEFAULTS = new ByteTrackerSettings(0.5, 0.1, 0.6, 0.2, 0.5, 0.3, 2, 15, 500, 2, 0.35);

    public ByteTrackerSettings {
        if (!(lowScore >= 0 && lowScore <= highScore && highScore <= 1 && newTrackScore >= 0 && newTrackScore <= 1)) {
            throw new IllegalArgumentException("scores must satisfy 0 <= low <= high <= 1 and 0 <= new-track <= 1");
        }
        for (double iou : new double[]{firstIou, secondIou, tentativeIou}) {
            if (!(iou > 0 && iou <= 1)) {
                throw new IllegalArgumentException("IoU thresholds must be above 0 and at most 1, not " + iou);
            }
        }
        if (!(appearanceWeight >= 0 && maxLostAppearance >= 0 && maxLostAppearance <= 1)) {
            throw new IllegalArgumentException("the appearance weight must not be negative and the lost-track distance must be 0..1");
        }
        if (confirmHits < 1 || maxLostFrames < 0 || maxDetections < 1) {
            throw new IllegalArgumentException("confirm-hits and max-detections must be at least 1 and lost frames not negative");
        }
    }

    @Override
    public Tracker newTracker() {
        return new ByteTracker(this);
    }
}
