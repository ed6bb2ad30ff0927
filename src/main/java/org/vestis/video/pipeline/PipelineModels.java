package org.vestis.video.pipeline;

import org.vestis.video.classify.CropClassifier;
import org.vestis.video.garment.GarmentModel;

/**
 * A model bundle loaded for video, once for any number of runs: its crop classifier and, when the bundle is a garment
 * model, the garment model (which holds the landmark network: close it after the last run).
 *
 * @param garments the garment model, or null for a single-label classifier
 */
public record PipelineModels(CropClassifier classifier, GarmentModel garments) implements AutoCloseable {
    @Override
    public void close() {
        if (garments != null) {
            garments.close();
        }
    }
}
