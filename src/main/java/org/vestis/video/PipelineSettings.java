package org.vestis.video;

import org.vestis.video.track.ByteTrackerSettings;
import org.vestis.video.track.TrackerSettings;

/**
 * The knobs of one pipeline run (from the config's pipeline section and flags).
 *
 * @param minScore  detections below it are dropped before tracking (the tracker may use those above it in stages)
 * @param topN      how many of a track's best frames its label is averaged over
 * @param tracker   which tracker, with its thresholds
 * @param queueSize frames waiting between two stages at most
 */
public record PipelineSettings(double minScore, int topN, TrackerSettings tracker, int queueSize) {
    public static final PipelineSettings DEFAULTS = new PipelineSettings(ByteTrackerSettings.DEFAULTS.lowScore(), 5, ByteTrackerSettings.DEFAULTS, 4);
}
