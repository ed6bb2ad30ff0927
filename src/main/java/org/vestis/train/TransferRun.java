package org.vestis.train;

import org.vestis.config.TrainConfig;
import org.vestis.data.PhotoSplits;
import org.vestis.io.Json;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.model.Versions;
import org.vestis.model.zoo.Backbone;
import org.vestis.model.zoo.ZooNetworks;
import org.vestis.model.zoo.ZooWeights;
import org.vestis.nn.dnnl.DnnlHelpers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One transfer-learning run from photos to bundle, the photo counterpart of {@link TrainingRun}: train, measure
 * the best network on the validation and test splits, draw the curves and the confusion matrix, write
 * report.md, and save the bundle with its provenance (backbone, where the initial weights came from, what was
 * frozen, preprocessing and augmentation).
 */
public final class TransferRun {
    private final TrainConfig config;
    private final String datasetName;
    private final String command;
    private TransferTrainer.Result result;
    private Metrics validationMetrics;
    private Metrics testMetrics;

    public TransferRun(TrainConfig config, String datasetName, String command) {
        this.config = config;
        this.datasetName = datasetName;
        this.command = command;
    }

    public ModelBundle run(PhotoSplits splits, TrainingProgress progress, PhotoFeatures.Progress featureProgress) throws IOException {
        return run(splits, false, progress, featureProgress);
    }

    /** @param resume continue an interrupted run from its checkpoint (beside the bundle, as for Fashion-MNIST) */
    public ModelBundle run(PhotoSplits splits, boolean resume, TrainingProgress progress, PhotoFeatures.Progress featureProgress)
            throws IOException {
        List<String> labels = splits.train().labels();
        result = new TransferTrainer(config, labels, progress, featureProgress).train(splits.train(), splits.validation(), splits.test(), resume);
        validationMetrics = Metrics.of(result.validation().labels(), result.validationProbabilities(), labels);
        testMetrics = Metrics.of(result.test().labels(), result.testProbabilities(), labels);

        Backbone backbone = Backbone.parse(config.backbone);
        ModelInfo.Initialisation init = config.isZooImagenet()
                ? new ModelInfo.Initialisation("pretrained", config.seed, "DL4J zoo ImageNet weights " + ZooWeights.configured(config.zooMirror, config.zooCache)
                        .source(ZooNetworks.model(backbone.family(), labels.size(), config.seed)))
                : config.pretrainedDir() != null
                ? new ModelInfo.Initialisation("pretrained", config.seed, sourceOf(config.pretrainedDir()))
                : new ModelInfo.Initialisation("random", config.seed);
        ModelInfo info = new ModelInfo(ModelInfo.FORMAT, Path.of(config.out).getFileName().toString(), labels, backbone.input(),
                result.preprocessing(), backbone.id(), datasetName, init, trainingInfo(splits), metricsInfo(),
                Versions.current(), command, Instant.now().toString());
        ModelBundle bundle = new ModelBundle(result.graph(), info);
        String md = ReportWriter.render(info.name() + ": " + backbone.id() + " (" + init.kind() + ") on " + datasetName,
                testMetrics, result.state().history, summary());
        md += String.format(Locale.ROOT, "%n## Validation split (%d images)%n%ntop-1 %s, top-3 %s, macro F1 %s.%n",
                validationMetrics.count(), ReportWriter.pct(validationMetrics.top1()), ReportWriter.pct(validationMetrics.top3()),
                ReportWriter.pct(validationMetrics.macroF1()));
        BundleWriter.save(bundle, Path.of(config.out), result.state().history, testMetrics, md);
        Checkpoint.beside(config.out).delete();
        return bundle;
    }

    /** The pretrained bundle's directory plus where its weights came from (its own initialisation source). */
    private static String sourceOf(String dir) {
        try {
            ModelInfo src = Json.MAPPER.readValue(Path.of(dir, ModelBundle.INFO_FILE).toFile(), ModelInfo.class);
            String origin = src.initialisation() != null && src.initialisation().source() != null ? src.initialisation().source() : src.dataset();
            return dir + " (" + src.backbone() + ", " + src.dataset() + "; " + origin + ")";
        } catch (IOException e) {
            return dir;
        }
    }

    public Metrics validationMetrics() {
        return validationMetrics;
    }

    Metrics testMetrics() {
        return testMetrics;
    }

    public String summary() {
        TrainingState s = result.state();
        return String.format(Locale.ROOT,
                "%s (%s, frozen up to %s%s): validation top-1 %s, top-3 %s on %d images; test top-1 %s, top-3 %s, macro F1 %s on %d images; "
                        + "best epoch %d of %d%s; backbone features %.1f min, head training %.1f min%s. Bundle: %s",
                Backbone.parse(config.backbone).id(), config.init, result.frozenUpTo(),
                result.preprocessing().flipAverage() ? "; each photo judged with its mirror image" : "",
                ReportWriter.pct(validationMetrics.top1()), ReportWriter.pct(validationMetrics.top3()), validationMetrics.count(),
                ReportWriter.pct(testMetrics.top1()), ReportWriter.pct(testMetrics.top3()), ReportWriter.pct(testMetrics.macroF1()),
                testMetrics.count(), s.bestEpoch, s.epochsDone, s.stoppedEarly ? " (stopped early)" : "",
                result.featureSeconds() / 60, s.trainingSeconds / 60, skippedNote(), config.out);
    }

    private String skippedNote() {
        int skipped = result.skippedTrain() + result.validation().skipped() + result.test().skipped();
        return skipped == 0 ? "" : "; " + skipped + " unreadable images skipped";
    }

    private Map<String, Object> trainingInfo(PhotoSplits splits) {
        TrainingState s = result.state();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("settings", config.settingsInUse());
        t.put("optimizer", "Adam(beta1=0.9, beta2=0.999); new head at learning-rate, unfrozen backbone layers at fine-tune-learning-rate");
        t.put("frozenUpTo", result.frozenUpTo());
        t.put("trainableParameters", result.trainableParams());
        t.put("totalParameters", result.graph().numParams());
        t.put("featureCache", "the frozen part ran once per photo (and once per augmented copy); the rest trained on its cached output");
        t.put("augmentation", config.augmentCopies == 0 ? "none"
                : config.augmentCopies + " random view(s) per training photo: horizontal flip, crop keeping 80-100% of each side, "
                + "brightness/contrast/saturation jitter +-20%");
        t.put("datasetLayout", splits.kind());
        t.put("splits", switch (splits.kind()) {
            case "image-folder" -> "test: stratified seeded " + config.testFraction + " of train; validation: the dataset's validation split (early stopping)";
            case "image-folder-with-test" -> "the dataset's own train/validation/test folders (validation for early stopping; test-fraction unused)";
            default -> "the dataset's train/val/test partition (val for early stopping)";
        });
        t.put("trainImages", result.trainPhotos());
        t.put("validationImages", result.validation().size());
        t.put("testImages", result.test().size());
        t.put("skippedUnreadable", Map.of("train", result.skippedTrain(), "validation", result.validation().skipped(), "test", result.test().skipped()));
        t.put("epochsRun", s.epochsDone);
        t.put("bestEpoch", s.bestEpoch);
        t.put("stoppedEarly", s.stoppedEarly);
        t.put("featureSeconds", Math.round(result.featureSeconds()));
        t.put("trainingSeconds", Math.round(s.trainingSeconds));
        t.put("oneDnnHelpers", DnnlHelpers.enabled());
        t.put("testTop1SingleView", Metrics.of(result.test().labels(), result.testProbabilitiesSingleView(), splits.train().labels()).top1());
        t.put("history", s.history);
        return t;
    }

    private Map<String, Object> metricsInfo() {
        Map<String, Object> m = testMetrics.info("test");
        m.put("confusion", testMetrics.confusion());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("images", validationMetrics.count());
        v.put("top1", validationMetrics.top1());
        v.put("top3", validationMetrics.top3());
        v.put("macroF1", validationMetrics.macroF1());
        v.put("loss", validationMetrics.loss());
        m.put("validation", v);
        return m;
    }
}
