package org.vestis.video;


import org.vestis.model.Prediction;

/**
 * One tracked object in one frame: its detection, the classifier's label for this frame alone, and the
 * smoothed label over the track's best frames so far. {@code quality} is how good this frame's crop was.
 * With a garment model the person is described by {@code garments} (smoothed slots) and both labels are null;
 * with any other model {@code garments} is null.
 */
public record TrackResult(int trackId, boolean confirmed, Detection detection, double quality,
                          Prediction frameLabel, Prediction smoothedLabel, PersonGarments garments) {
    public TrackResult(int trackId, boolean confirmed, Detection detection, double quality,
                       Prediction frameLabel, Prediction smoothedLabel) {
        this(trackId, confirmed, detection, quality, frameLabel, smoothedLabel, null);
    }
}
