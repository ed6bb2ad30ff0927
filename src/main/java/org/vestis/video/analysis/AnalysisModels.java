package org.vestis.video.analysis;

import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;
import org.vestis.video.pipeline.PipelineSpec;

/**
 * What analysing inputs needs loaded once, whatever the number of inputs: the factory built from the pipeline's
 * settings (a validated config's {@code spec()}) and the models it loaded. `analyze` loads it once per run, the Spark job once per executor slot.
 */
public final class AnalysisModels implements AutoCloseable {
    private final PipelineFactory factory;
    private final PipelineModels models;

    private AnalysisModels(PipelineFactory factory, PipelineModels models) {
        this.factory = factory;
        this.models = models;
    }

    /** Loads the model the settings name (and its garment model, if it is one). */
    public static AnalysisModels load(PipelineSpec spec) {
        PipelineFactory factory = new PipelineFactory(spec);
        return new AnalysisModels(factory, factory.loadModels());
    }

    public PipelineFactory factory() {
        return factory;
    }

    public PipelineModels models() {
        return models;
    }

    @Override
    public void close() {
        models.close();
    }
}
