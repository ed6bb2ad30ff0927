package org.vestis.video.track;

/** The settings of {@link IouTracker}: least overlap with a track's last box, hits to confirm, misses to end. */
public record IouTrackerSettings(double minIou, int confirmHits, int maxMisses) implements TrackerSettings {
    @Override
    public Tracker newTracker() {
        return new IouTracker(minIou, confirmHits, maxMisses);
    }
}
