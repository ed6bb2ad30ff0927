package org.vestis.video.analysis;

import org.vestis.config.PipelineConfig;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;

/**
 * What analysing inputs needs loaded once, whatever the number of inputs: the factory built from the (validated)
 * config and the models it loaded. `analyze` loads it once per run, the Spark job once per executor slot.
 */
public final class AnalysisModels implements AutoCloseable {
    private final PipelineFactory factory;
    private final PipelineModels models;

    private AnalysisModels(PipelineFactory factory, PipelineModels models) {
        this.factory = factory;
        this.models = models;
    }

    /** Loads the config's model (and its garment model, if it is one); the config is validated. */
    public static AnalysisModels load(PipelineConfig config) {
        PipelineFactory factory = new PipelineFactory(config.spec());
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
