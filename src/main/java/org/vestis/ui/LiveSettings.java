package org.vestis.ui;

import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.pipeline.PipelineSettings;
import org.vestis.video.detect.DetectorSettings;
import org.vestis.video.detect.Detectors;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the window runs: one source through one model with one detector, and the pipeline's knobs.
 * {@code minScore} null means the detector's own threshold (as in the configs).
 */
record LiveSettings(String source, Path config, Path model, String detector, int topN, Double minScore, String detectorModels) {

    /** Queues of one frame: a window wants the newest picture (and an instant pause) more than overlap. */
    PipelineSettings pipeline() {
        PipelineSettings p = pipelineConfig().settings();
        return new PipelineSettings(p.minScore(), p.topN(), p.tracker(), 1, p.looks());
    }

    /** The detector's settings: the score it reports from (the tracker may want weaker detections), its size. */
    DetectorSettings detectorSettings() {
        return pipelineConfig().detectorSettings();
    }

    /** The window's choices over its config's pipeline section (which gives the tracker's settings). */
    private PipelineConfig pipelineConfig() {
        PipelineConfig c = config != null && Files.isRegularFile(config) ? ConfigLoader.load(config).pipeline : new PipelineConfig();
        c.detector = detector;
        c.minScore = minScore;
        c.topN = topN;
        c.detectorModels = detectorModels;
        return c;
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
