package org.vestis.config;

import static org.vestis.config.ConfigChecks.require;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.vestis.video.PipelineSettings;
import org.vestis.video.detect.Detectors;

/** The video pipeline's settings: which model bundle and detector, tracking and smoothing. */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public class PipelineConfig {
    /** Model bundle directory. */
    public String model = "models/fashion-mnist-cnn";
    /** full-frame, center, person, face-torso, hog or motion. */
    public String detector = "person";
    /** Where detector model files are (empty: environment VESTIS_MODELS, the cache, or download). */
    public String detectorModels = "";
    /**
     * Lowest detection score kept; null: the detector's own default (person 0.5, face-torso 0.6, hog 0.5,
     * motion 0.25), since each detector's score means something different.
     */
    public Double minScore = null;
    /** How many of a track's best frames its label is averaged over. */
    public int topN = 5;
    public double trackerIou = 0.3;
    public int confirmHits = 3;
    public int maxMisses = 10;
    /** Process every k-th frame of a file (1 = every frame). */
    public int stride = 1;
    public boolean blurFaces = false;

    public void validate(String source) {
        require(Detectors.NAMES.contains(detector), source, "detector '" + detector + "' does not exist; choose one of " + String.join(", ", Detectors.NAMES));
        require(minScore == null || (minScore >= 0 && minScore <= 1), source, "min-score must be between 0 and 1");
        require(topN >= 1, source, "top-n must be at least 1");
        require(trackerIou > 0 && trackerIou < 1, source, "tracker-iou must be between 0 and 1");
        require(confirmHits >= 1 && maxMisses >= 0, source, "confirm-hits must be at least 1 and max-misses not negative");
        require(stride >= 1, source, "stride must be at least 1");
    }

    public PipelineSettings settings() {
        // The detector applies the threshold (see DetectorSettings); the pipeline only drops empty boxes.
        return new PipelineSettings(minScore == null ? 0 : minScore, topN, trackerIou, confirmHits, maxMisses, PipelineSettings.DEFAULTS.queueSize());
    }
}
