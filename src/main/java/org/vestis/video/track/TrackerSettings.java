package org.vestis.video.track;

/** How to make a tracker: each implementation's settings know their tracker. */
public sealed interface TrackerSettings permits ByteTrackerSettings, IouTrackerSettings {
    /** A fresh tracker (one per video: ids start at 1). */
    Tracker newTracker();
}
