package org.vestis.ui;

import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.detect.Detectors;
import org.vestis.video.pipeline.PipelineSpec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the window runs: one source through one model with one detector, and the pipeline's knobs.
 * {@code minScore} null means the detector's own threshold (as in the configs).
 */
record LiveSettings(String source, Path config, Path model, String detector, int topN, Double minScore, String detectorModels) {

    /**
     * What the pipeline is built from: the config's pipeline section (validated) with the window's choices, checked as
     * analyze checks its flags, so a bad value is one sentence in the status line.
     */
    PipelineSpec spec() {
        PipelineConfig c = new PipelineConfig();
        if (config != null && Files.isRegularFile(config)) {
            c = ConfigLoader.load(config).pipeline;
            c.validate(config.toString());
        }
        c.model = model.toString();
        c.detector = detector;
        c.minScore = minScore;
        c.topN = topN;
        c.detectorModels = detectorModels;
        c.validate("the window's settings");
        return c.spec();
    }

    /** The threshold in effect: the explicit one, or the detector's own default (0 for those without scores). */
    double threshold() {
        return minScore != null ? minScore : Detectors.defaultConfidence(detector);
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
