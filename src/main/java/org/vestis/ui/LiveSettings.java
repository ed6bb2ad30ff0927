package org.vestis.ui;

import org.vestis.video.PipelineSettings;

import java.nio.file.Path;

/** What the window runs: one source through one model with one detector, and the pipeline's knobs. */
record LiveSettings(String source, Path config, Path model, String detector, int topN, double minScore, String detectorModels) {

    /** Queues of one frame: a window wants the newest picture (and an instant pause) more than overlap. */
    PipelineSettings pipeline() {
        PipelineSettings d = PipelineSettings.DEFAULTS;
        return new PipelineSettings(minScore, topN, d.trackerIou(), d.confirmHits(), d.maxMisses(), 1);
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

    LiveSettings withMinScore(double value) {
        return new LiveSettings(source, config, model, detector, topN, value, detectorModels);
    }
}
