package org.vestis.video.pipeline;

import org.vestis.video.garment.LookBudget;
import org.vestis.video.track.ByteTrackerSettings;
import org.vestis.video.track.TrackerSettings;

/**
 * The knobs of one pipeline run (from the config's pipeline section and flags).
 *
 * @param minScore  detections below it are dropped before tracking (the tracker may use those above it in stages)
 * @param topN      how many of a track's best frames its label (or garment slots) is averaged over
 * @param tracker   which tracker, with its thresholds
 * @param queueSize frames waiting between two stages at most
 * @param looks     with a garment model: how many people may be looked at per frame
 */
public record PipelineSettings(double minScore, int topN, TrackerSettings tracker, int queueSize, LookBudget looks) {
    public static final PipelineSettings DEFAULTS = new PipelineSettings(ByteTrackerSettings.DEFAULTS.lowScore(), 5,
            ByteTrackerSettings.DEFAULTS, 4, LookBudget.DEFAULT);

    public PipelineSettings(double minScore, int topN, TrackerSettings tracker, int queueSize) {
        this(minScore, topN, tracker, queueSize, LookBudget.DEFAULT);
    }
}
