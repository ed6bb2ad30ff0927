package org.vestis.spark;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.io.ProjectRoot;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.analysis.AnalysisModels;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The models of an executor: loaded once per task slot and reused by every later partition there (a model is not
 * shared by two tasks at once: the landmark and detector networks are not thread-safe). Lives as long as the executor's
 * JVM; in local mode, as long as the driver's.
 */
final class ModelPool {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPool.class);
    private static final Map<String, Deque<AnalysisModels>> FREE = new HashMap<>();
    private static int loads;

    private ModelPool() {
    }

    /**
     * Models for a config file, loaded now only when every earlier copy is in use. Relative paths (the config file, its
     * model) are looked up in the task's working folder (where spark-submit's --files and --archives put them), then
     * under {@code home}, the project folder the driver ran from (a path every machine shares, or local mode).
     */
    static synchronized AnalysisModels borrow(String configFile, String home) {
        Deque<AnalysisModels> free = FREE.computeIfAbsent(configFile, k -> new ArrayDeque<>());
        if (!free.isEmpty()) {
            return free.pop();
        }
        loads++;
        long start = System.nanoTime();
        ProjectRoot root = home == null ? ProjectRoot.find() : new ProjectRoot(Path.of(home));
        Path config = root.resolve(configFile);
        PipelineConfig c = ConfigLoader.load(config).pipeline;
        c.model = root.resolve(c.model).toString();
        if (c.detectorModels != null && !c.detectorModels.isBlank()) {
            c.detectorModels = root.resolve(c.detectorModels).toString();
        }
        if (c.detectorFile != null && !c.detectorFile.isBlank()) {
            c.detectorFile = root.resolve(c.detectorFile).toString();
        }
        if (home != null && System.getProperty(ProjectRoot.PROPERTY) == null) {
            System.setProperty(ProjectRoot.PROPERTY, home); // where the shipped detector and landmark models are found
        }
        c.validate(config.toString());
        AnalysisModels models = AnalysisModels.load(c.spec());
        LOG.info("vestis: models of {} loaded in {} s (load {} in this JVM)", configFile,
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9), loads);
        return models;
    }

    static synchronized void giveBack(String configFile, AnalysisModels models) {
        FREE.computeIfAbsent(configFile, k -> new ArrayDeque<>()).push(models);
    }

    /** How many times models were loaded in this JVM (the tests check it is once per slot, not once per video). */
    static synchronized int loads() {
        return loads;
    }
}
