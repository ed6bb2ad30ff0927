package org.vestis.config;

import static org.vestis.config.ConfigChecks.require;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Training settings: read from the YAML's {@code train:} section, each overridable by a command-line flag.
 * Defaults follow the seeds' Keras setup (Adam 0.9/0.999, batch 128, early stopping with patience 3).
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public class TrainConfig {
    public String architecture = "fashion-cnn";
    /** Where the model bundle goes (a directory). */
    public String out = "models/fashion-mnist-cnn";
    /** Fashion-MNIST directory; empty means: find it (environment, cache, Debian package, download). */
    public String dataDir = "";
    public int epochs = 20;
    public int batchSize = 128;
    public double learningRate = 0.001;
    /** constant or cosine (decays to 0 over {@code epochs}). */
    public String schedule = "constant";
    public int patience = 3;
    public double validationFraction = 0.1;
    public long seed = 42;
    /** Random shifts of up to {@code shift} pixels and horizontal flips. */
    public boolean augment = false;
    public int shift = 2;
    /** Use only this many training / test images (0 = all); for quick runs and tests. */
    public int trainLimit = 0;
    public int testLimit = 0;
    /** Time budget: no new epoch starts after this many minutes of training (0 = no limit); for ablation grids. */
    public double maxMinutes = 0;

    public void validate(String source) {
        org.vestis.model.Architecture.byName(architecture);
        require(epochs >= 1, source, "epochs must be at least 1");
        require(batchSize >= 1, source, "batch-size must be at least 1");
        require(learningRate > 0 && learningRate < 1, source, "learning-rate must be between 0 and 1");
        require(schedule.equals("constant") || schedule.equals("cosine"), source, "schedule must be constant or cosine");
        require(patience >= 1, source, "patience must be at least 1");
        require(validationFraction > 0 && validationFraction < 0.5, source, "validation-fraction must be between 0 and 0.5");
        require(shift >= 0 && shift <= 8, source, "shift must be between 0 and 8 pixels");
        require(maxMinutes >= 0, source, "max-minutes must not be negative");
        require(trainLimit >= 0 && testLimit >= 0, source, "train-limit and test-limit must not be negative");
        require(!out.isBlank(), source, "out must name a directory");
    }
}
