package org.vestis.ui;

import org.vestis.video.PipelineSettings;
import org.vestis.video.detect.FaceTorsoDetector;
import org.vestis.video.detect.HogPeopleDetector;
import org.vestis.video.detect.MotionDetector;
import org.vestis.video.detect.YoloPersonDetector;

import java.nio.file.Path;

/**
 * What the window runs: one source through one model with one detector, and the pipeline's knobs.
 * {@code minScore} null means the detector's own threshold (as in the configs).
 */
record LiveSettings(String source, Path config, Path model, String detector, int topN, Double minScore, String detectorModels) {

    /** Queues of one frame: a window wants the newest picture (and an instant pause) more than overlap. */
    PipelineSettings pipeline() {
        PipelineSettings d = PipelineSettings.DEFAULTS;
        return new PipelineSettings(minScore == null ? 0 : minScore, topN, d.trackerIou(), d.confirmHits(), d.maxMisses(), 1);
    }

    /** The threshold in effect: the explicit one, or the detector's own default (0 for those without scores). */
    double threshold() {
        if (minScore != null) {
            return minScore;
        }
        return switch (detector) {
            case YoloPersonDetector.NAME -> YoloPersonDetector.DEFAULT_CONFIDENCE;
            case FaceTorsoDetector.NAME -> FaceTorsoDetector.DEFAULT_CONFIDENCE;
            case HogPeopleDetector.NAME -> HogPeopleDetector.DEFAULT_CONFIDENCE;
            case MotionDetector.NAME -> MotionDetector.DEFAULT_CONFIDENCE;
            default -> 0;
        };
    }

    LiveSettings withSource(String value) {
        return new LiveSettings(value, config, model, detector, topN, minScore, detectorModels);
    }

    LiveSettings withModel(Path configValue, Path modelValue) {
        return new LiveSettings(source, configValue, modelValue, detector, topN, minScore, detectorModels);
    }

    LiveSettings withDetector(String value) {
        return new LiveSettings(source, config, model, value, topN, minScore, detectorModels);
    }

    LiveSettings withTopN(int value) {
        return new LiveSettings(source, config, model, detector, value, minScore, detectorModels);
    }

    LiveSettings withMinScore(Double value) {
        return new LiveSettings(source, config, model, detector, topN, value, detectorModels);
    }
}
