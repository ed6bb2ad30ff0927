package org.vestis.video.analysis;

import org.vestis.config.PipelineConfig;
import org.vestis.model.ModelBundle;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.DetectorSettings;
import org.vestis.video.detect.ModelFiles;
import org.vestis.video.garment.GarmentModel;

import java.nio.file.Path;

/**
 * What analysing inputs needs loaded once, whatever the number of inputs: the config, the classifier bundle, the
 * garment model when the bundle is one, and the detector settings with their model files. `analyze` loads it once per
 * run, the Spark job once per executor.
 */
public final class AnalysisModels implements AutoCloseable {
    private final PipelineConfig config;
    private final CropClassifier classifier;
    private final GarmentModel garments;
    private final DetectorSettings detectorSettings;

    private AnalysisModels(PipelineConfig config, CropClassifier classifier, GarmentModel garments, DetectorSettings detectorSettings) {
        this.config = config;
        this.classifier = classifier;
        this.garments = garments;
        this.detectorSettings = detectorSettings;
    }

    /** Loads the config's model (and its garment model, if it is one) and the detector settings; the config is validated. */
    public static AnalysisModels load(PipelineConfig config) {
        CropClassifier classifier = new CropClassifier(ModelBundle.load(Path.of(config.model)).forInference());
        DetectorSettings detectorSettings = config.detectorSettings();
        GarmentModel garments = GarmentModel.forBundle(Path.of(config.model), classifier, detectorSettings.models()).orElse(null);
        return new AnalysisModels(config, classifier, garments, detectorSettings);
    }

    public PipelineConfig config() {
        return config;
    }

    public CropClassifier classifier() {
        return classifier;
    }

    /** The garment model, or null for a single-label classifier. */
    public GarmentModel garments() {
        return garments;
    }

    public DetectorSettings detectorSettings() {
        return detectorSettings;
    }

    public ModelFiles modelFiles() {
        return detectorSettings.models();
    }

    @Override
    public void close() {
        if (garments != null) {
            garments.close();
        }
    }
}
