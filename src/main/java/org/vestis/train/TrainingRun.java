package org.vestis.train;

import org.vestis.config.TrainConfig;
import org.vestis.data.Dataset;
import org.vestis.data.StratifiedSplit;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.model.Versions;
import org.vestis.nn.dnnl.DnnlHelpers;
import org.vestis.model.ViewAverage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training run from data to bundle: train with early stopping, measure the best network on the test
 * set, draw the curves and the confusion matrix, write report.md, and save the bundle with its provenance.
 */
public final class TrainingRun {
    private final TrainConfig config;
    private final List<String> labels;
    private final String datasetName;
    private final String command;
    private Metrics testMetrics;
    private Metrics plainTestMetrics;
    private TrainingState state;

    public TrainingRun(TrainConfig config, List<String> labels, String datasetName, String command) {
        this.config = config;
        this.labels = labels;
        this.datasetName = datasetName;
        this.command = command;
    }

    public ModelBundle run(StratifiedSplit.Parts parts, Dataset test, boolean resume, TrainingProgress progress) throws IOException {
        Trainer.Result result = new Trainer(config, labels, Checkpoint.beside(config.out).dir(), progress).train(parts.train(), parts.validation(), resume);
        state = result.state();
        TrainableNetwork best = result.best();
        ModelInfo.Preprocessing preprocessing = testTimeViews();
        plainTestMetrics = Evaluator.evaluate(best::output, test, labels);
        testMetrics = ViewAverage.count(preprocessing) > 1
                ? Evaluator.evaluate(x -> ViewAverage.apply(best::output, x, preprocessing), test, labels)
                : plainTestMetrics;

        ModelInfo info = new ModelInfo(ModelInfo.FORMAT, Path.of(config.out).getFileName().toString(), labels,
                new ModelInfo.Input(test.height(), test.width(), 1), preprocessing,
                config.architecture, datasetName, initialisation(),
                trainingInfo(parts), testMetrics.info("test"), Versions.current(), command, Instant.now().toString());
        ModelBundle bundle = ModelBundle.of(best.model(), info);
        BundleWriter.save(bundle, Path.of(config.out), state.history, testMetrics, ReportWriter.render(
                info.name() + ": " + config.architecture + " on " + datasetName, testMetrics, state.history, summary()));
        Checkpoint.beside(config.out).delete();
        return bundle;
    }

    /**
     * A network is used with the views it was trained with: flips, and one-pixel shifts when it learnt shifts
     * (the validation split chose one pixel over none and over a 3x3 grid: README). The single-view figure is
     * kept for comparison.
     */
    private ModelInfo.Preprocessing testTimeViews() {
        return ModelInfo.Preprocessing.FASHION_MNIST.withFlipAverage(config.augment).withShiftAverage(config.augment && config.shift > 0 ? 1 : 0);
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "%s: test top-1 %s%s, top-3 %s, macro F1 %s on %d images; best epoch %d of %d%s; training %.1f min (oneDNN helpers %s). Bundle: %s",
                config.architecture, ReportWriter.pct(testMetrics.top1()),
                testMetrics == plainTestMetrics ? "" : " averaged over test-time views (" + ReportWriter.pct(plainTestMetrics.top1()) + " on single views)",
                ReportWriter.pct(testMetrics.top3()),
                ReportWriter.pct(testMetrics.macroF1()), testMetrics.count(), state.bestEpoch, state.epochsDone,
                state.stoppedEarly ? " (stopped early)" : "", state.trainingSeconds / 60, DnnlHelpers.enabled() ? "on" : "off", config.out);
    }

    private ModelInfo.Initialisation initialisation() throws IOException {
        return config.pretrainedDir() != null
                ? new ModelInfo.Initialisation("pretrained", config.seed, WarmStart.describe(config.pretrainedDir()))
                : new ModelInfo.Initialisation("random", config.seed);
    }

    private Map<String, Object> trainingInfo(StratifiedSplit.Parts parts) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("settings", config.settingsInUse());
        t.put("optimizer", "Adam(beta1=0.9, beta2=0.999, epsilon=1e-7)");
        t.put("trainImages", parts.train().size());
        t.put("validationImages", parts.validation().size());
        t.put("epochsRun", state.epochsDone);
        t.put("bestEpoch", state.bestEpoch);
        t.put("stoppedEarly", state.stoppedEarly);
        t.put("trainingSeconds", Math.round(state.trainingSeconds));
        t.put("oneDnnHelpers", DnnlHelpers.enabled());
        t.put("testTop1SingleView", plainTestMetrics.top1());
        t.put("history", state.history);
        return t;
    }

}
