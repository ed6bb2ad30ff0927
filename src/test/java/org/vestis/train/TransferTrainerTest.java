package org.vestis.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.UserException;
import org.vestis.config.TrainConfig;
import org.vestis.data.PhotoFixtures;
import org.vestis.data.PhotoSplits;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Transfer learning for real: the committed ImageNet MobileNet v1 0.25/128 (TensorFlow Lite, imported here) gets a
 * new head for four clothing classes and is trained on real photos.
 */
class TransferTrainerTest {
    static Path pretrained;

    @BeforeAll
    static void importPretrained(@TempDir Path dir) throws Exception {
        pretrained = PhotoFixtures.importV1(dir);
    }

    static TrainConfig config(Path out, String init) {
        TrainConfig c = new TrainConfig();
        c.images = PhotoFixtures.CLOTHING.toString();
        c.backbone = "mobilenetv1-0.25-128";
        c.init = init;
        c.out = out.toString();
        c.epochs = 15;
        c.batchSize = 8;
        c.learningRate = 0.01;
        c.patience = 15;
        c.testFraction = 0.34;
        c.seed = 5;
        c.validate("test");
        return c;
    }

    @Test
    void pretrainedAndRandomDifferInTheWeightsOnly(@TempDir Path dir) {
        ComputationGraph pre = new TransferTrainer(config(dir.resolve("a"), "pretrained:" + pretrained), PhotoFixtures.CLASSES,
                TrainingProgress.NONE, PhotoFeatures.Progress.NONE).initialGraph();
        ComputationGraph rnd = new TransferTrainer(config(dir.resolve("b"), "random"), PhotoFixtures.CLASSES,
                TrainingProgress.NONE, PhotoFeatures.Progress.NONE).initialGraph();
        assertThat(pre.getConfiguration().toJson()).isEqualTo(rnd.getConfiguration().toJson());
        assertThat(pre.numParams()).isEqualTo(rnd.numParams());
        assertThat(pre.getLayer("stem").params()).isNotEqualTo(rnd.getLayer("stem").params());
        ModelBundle source = ModelBundle.load(pretrained);
        assertThat(pre.getLayer("block12_pw").params()).isEqualTo(source.graph().getLayer("block12_pw").params());
        assertThat(pre.getLayer("output").params().length()).isEqualTo(256 * 4 + 4);
    }

    @Test
    void frozenBackboneHeadLearnsAndTheBundleMatchesTheCachedPath(@TempDir Path dir) throws Exception {
        TrainConfig c = config(dir.resolve("clothing-v1"), "pretrained:" + pretrained);
        PhotoSplits splits = PhotoSplits.open(PhotoFixtures.CLOTHING, c.testFraction, c.seed);
        TransferRun run = new TransferRun(c, "clothing-photos", "test");
        ModelBundle bundle = run.run(splits, TrainingProgress.NONE, PhotoFeatures.Progress.NONE);

        // Four classes, 16 training photos: ImageNet features separate them well above chance (25%).
        assertThat(run.validationMetrics().top1()).isGreaterThanOrEqualTo(0.5);
        assertThat(run.testMetrics().count()).isEqualTo(8);
        ModelBundle loaded = ModelBundle.load(dir.resolve("clothing-v1"));
        ModelInfo info = loaded.info();
        assertThat(info.labels()).containsExactlyElementsOf(PhotoFixtures.CLASSES);
        assertThat(info.backbone()).isEqualTo("mobilenetv1-0.25-128");
        assertThat(info.input()).isEqualTo(new ModelInfo.Input(128, 128, 3));
        assertThat(info.preprocessing().normalisation()).isEqualTo(ModelInfo.Preprocessing.MINUS_ONE_TO_ONE);
        assertThat(info.initialisation().kind()).isEqualTo("pretrained");
        assertThat(info.initialisation().source()).contains(pretrained.toString()).contains("mobilenet_v1_0.25_128_quant.tflite");
        assertThat(info.training()).containsEntry("frozenUpTo", "pool").containsKey("augmentation");
        assertThat(info.preprocessing().flipAverage()).isFalse();
        assertThat(((Number) info.training().get("trainableParameters")).longValue()).isEqualTo(256 * 4 + 4);
        for (String f : new String[]{"report.md", "training-curves.png", "confusion-matrix.png"}) {
            assertThat(Files.size(dir.resolve("clothing-v1").resolve(f))).isPositive();
        }
        assertMeasuredAsTheBundleRuns(loaded, splits, run);
    }

    @Test
    void trainedOnFlippedCopiesItIsJudgedWithTheMirrorImageAndTheBundleSaysSo(@TempDir Path dir) throws Exception {
        TrainConfig c = config(dir.resolve("flips"), "pretrained:" + pretrained);
        c.augmentCopies = 1;
        c.epochs = 3;
        PhotoSplits splits = PhotoSplits.open(PhotoFixtures.CLOTHING, c.testFraction, c.seed);
        TransferRun run = new TransferRun(c, "clothing-photos", "test");
        run.run(splits, TrainingProgress.NONE, PhotoFeatures.Progress.NONE);

        ModelBundle loaded = ModelBundle.load(dir.resolve("flips"));
        assertThat(loaded.info().preprocessing().flipAverage()).isTrue();
        assertThat(loaded.info().training()).containsKey("testTop1SingleView");
        assertThat(run.summary()).contains("each photo judged with its mirror image");
        assertMeasuredAsTheBundleRuns(loaded, splits, run);
    }

    /**
     * The saved network on the validation photos (through ModelBundle.output, which adds the mirror images when the
     * bundle declares flips) gives what training measured through the cached features.
     */
    private static void assertMeasuredAsTheBundleRuns(ModelBundle bundle, PhotoSplits splits, TransferRun run) {
        ModelInfo info = bundle.info();
        PhotoFeatures probs = PhotoFeatures.compute(bundle::output, info.input(), info.preprocessing(), splits.validation(), null, 0, 8,
                PhotoFeatures.Progress.NONE);
        Metrics direct = Metrics.of(probs.labels(), probs.probabilities(), info.labels());
        assertThat(direct.top1()).isEqualTo(run.validationMetrics().top1());
        assertThat(direct.loss()).isCloseTo(run.validationMetrics().loss(), within(1e-3));
    }

    @Test
    void partlyFrozenBackboneFineTunesOnlyTheLayersAboveTheBoundary(@TempDir Path dir) {
        TrainConfig c = config(dir.resolve("ft"), "pretrained:" + pretrained);
        c.freezeUpTo = "block11_pw_relu6";
        c.epochs = 2;
        c.augmentCopies = 1;
        PhotoSplits splits = PhotoSplits.open(PhotoFixtures.CLOTHING, c.testFraction, c.seed);
        TransferTrainer trainer = new TransferTrainer(c, PhotoFixtures.CLASSES, TrainingProgress.NONE, PhotoFeatures.Progress.NONE);
        ComputationGraph before = trainer.initialGraph();
        TransferTrainer.Result r = trainer.train(splits.train(), splits.validation(), splits.test());
        assertThat(r.frozenUpTo()).isEqualTo("block11_pw_relu6");
        INDArray frozen = before.getLayer("block11_pw").params();
        assertThat(r.graph().getLayer("block11_pw").params()).isEqualTo(frozen);
        assertThat(r.graph().getLayer("block12_pw").params()).isNotEqualTo(before.getLayer("block12_pw").params());
        assertThat(r.trainableParams()).isGreaterThan(256 * 4 + 4);
        assertThat(r.state().history).hasSize(2);
    }

    @Test
    void aWrongPretrainedBundleOrLayerIsOneClearSentence(@TempDir Path dir) {
        TrainConfig wrong = config(dir.resolve("x"), "pretrained:" + pretrained);
        wrong.backbone = "mobilenetv2";
        assertThatThrownBy(() -> new TransferTrainer(wrong, PhotoFixtures.CLASSES, TrainingProgress.NONE, PhotoFeatures.Progress.NONE)
                .initialGraph()).isInstanceOf(UserException.class).hasMessageContaining("holds mobilenetv1-0.25-128 weights, not mobilenetv2-1.0-224");
        TrainConfig layer = config(dir.resolve("y"), "random");
        layer.freezeUpTo = "block99";
        TransferTrainer t = new TransferTrainer(layer, PhotoFixtures.CLASSES, TrainingProgress.NONE, PhotoFeatures.Progress.NONE);
        assertThatThrownBy(() -> t.frozenBoundary(t.initialGraph())).isInstanceOf(UserException.class)
                .hasMessageContaining("freeze-up-to 'block99' is not a layer");

        // Inside a residual block the cached boundary alone is not enough: block15_add also reads block14_add.
        TrainConfig v2 = config(dir.resolve("z"), "random");
        v2.backbone = "mobilenetv2-0.35-96";
        v2.freezeUpTo = "block15_expand";
        TransferTrainer inside = new TransferTrainer(v2, PhotoFixtures.CLASSES, TrainingProgress.NONE, PhotoFeatures.Progress.NONE);
        ComputationGraph graph = inside.initialGraph();
        assertThatThrownBy(() -> inside.frozenBoundary(graph)).isInstanceOf(UserException.class)
                .hasMessageContaining("is inside a residual block");
        v2.freezeUpTo = "block14_add";
        assertThat(new TransferTrainer(v2, PhotoFixtures.CLASSES, TrainingProgress.NONE, PhotoFeatures.Progress.NONE)
                .frozenBoundary(graph)).isEqualTo("block14_add");
    }
}
