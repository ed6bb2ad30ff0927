package org.vestis.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearningHelper;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.vestis.UserException;
import org.vestis.config.TrainConfig;
import org.vestis.data.PhotoAugmenter;
import org.vestis.data.PhotoSet;
import org.vestis.model.zoo.Backbone;
import org.vestis.nn.inference.BatchNormFolding;
import org.vestis.model.ModelBundle;
import org.vestis.model.zoo.LayerWeights;
import org.vestis.model.ModelInfo;
import org.vestis.nn.dnnl.DnnlHelpers;
import org.vestis.model.ViewAverage;
import org.vestis.model.zoo.ZooNetworks;
import org.vestis.model.zoo.ZooWeights;
import org.deeplearning4j.zoo.ZooModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Transfer learning on photos: a MobileNet, ResNet50 or VGG16 with a new head for the dataset's classes,
 * initialised from a pretrained bundle of the same backbone, the DL4J zoo's ImageNet weights (ResNet50, VGG16)
 * or randomly (the identical configuration either way, so they differ in their weights only). The backbone stays frozen up to a chosen layer; that frozen part runs ONCE
 * per photo (DL4J's {@link TransferLearningHelper} splits off the rest, which the {@link EpochLoop} trains on the cached
 * activations), which on a CPU is what makes this affordable. Early stopping on the validation loss keeps the best
 * epoch; a {@link Checkpoint} after every epoch lets {@code --resume} continue an interrupted run.
 */
public final class TransferTrainer {
    /** Everything below the new head ({@link Backbone#belowHead}): only the head trains. */
    public static final String ALL = "all";
    /** Fine-tune the backbone's last block, its final layers and the head; the same idea for every MobileNet. */
    public static final String LAST_BLOCK = "last-block";
    private static final int FEATURE_BATCH = 16;
    /** Training photos whose statistics calibrate the fine-tuned batch-norm layers. */
    private static final int CALIBRATION_SAMPLE = 256;

    private final TrainConfig config;
    private final Backbone backbone;
    private final String head;
    private final List<String> labels;
    private final TrainingProgress progress;
    private final PhotoFeatures.Progress featureProgress;

    /**
     * The trained graph (clean configuration, no frozen wrappers), what happened, the cached features, the
     * preprocessing the probabilities were measured with (the bundle's), and the test probabilities of one view.
     */
    public record Result(ComputationGraph graph, TrainingState state, PhotoFeatures validation, PhotoFeatures test,
                         int trainPhotos, int skippedTrain, double featureSeconds, String frozenUpTo, long trainableParams,
                         ModelInfo.Preprocessing preprocessing, float[][] validationProbabilities, float[][] testProbabilities,
                         float[][] testProbabilitiesSingleView) {
    }

    /** A split's cached features, and those of its photos mirrored when the network is judged on both views (else null). */
    private record Views(PhotoFeatures plain, PhotoFeatures mirrored) {
    }

    public TransferTrainer(TrainConfig config, List<String> labels, TrainingProgress progress, PhotoFeatures.Progress featureProgress) {
        this.config = config;
        this.backbone = Backbone.parse(config.backbone);
        this.head = backbone.headName();
        this.labels = labels;
        this.progress = progress;
        this.featureProgress = featureProgress;
    }

    /** The new network: the backbone's configuration for our classes, per-layer learning rates, weights as config.init says. */
    ComputationGraph initialGraph() {
        ComputationGraphConfiguration conf = backbone.graphConfiguration(labels.size(), config.seed);
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(new Adam(e.getKey().equals(head) ? config.learningRate : config.fineTuneLearningRate));
            }
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        if (config.isZooImagenet()) {
            copyImagenet(graph);
        } else if (config.pretrainedDir() != null) {
            copyPretrained(graph, Path.of(config.pretrainedDir()));
        }
        DnnlHelpers.attach(graph);
        return graph;
    }

    /** The zoo's ImageNet weights (downloaded once, cached, checksummed) into every layer below the head. */
    private void copyImagenet(ComputationGraph graph) {
        ZooModel<?> zoo = ZooNetworks.model(backbone.family(), labels.size(), config.seed);
        ZooWeights weights = ZooWeights.configured(config.zooMirror, config.zooCache);
        ComputationGraph imagenet = weights.load(zoo);
        String sourceHead = imagenet.getConfiguration().getNetworkOutputs().get(0);
        LayerWeights.copyBackbone(imagenet, sourceHead, graph, head, "the zoo's " + backbone.family() + " ImageNet file " + weights.source(zoo).file());
    }

    /** Every backbone layer's weights (batch-norm statistics included) from the bundle; the head stays new. */
    private void copyPretrained(ComputationGraph graph, Path dir) {
        ModelBundle source = ModelBundle.load(dir);
        if (source.graph() == null || !backbone.id().equals(source.info().backbone())) {
            throw new UserException(dir + " holds " + source.info().backbone() + " weights, not " + backbone.id()
                    + "; use a bundle of the same backbone (e.g. made by 'vestis import tflite') or --backbone " + source.info().backbone() + ".");
        }
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (!name.equals(head) && layer.numParams() > 0) {
                layer.setParams(source.graph().getLayer(name).params());
            }
        }
    }

    /** The vertex whose output is the frozen boundary. */
    String frozenBoundary(ComputationGraph graph) {
        String name = switch (config.freezeUpTo) {
            case ALL -> backbone.belowHead();
            case LAST_BLOCK -> backbone.lastBlockInput();
            default -> config.freezeUpTo;
        };
        String input = graph.getConfiguration().getNetworkInputs().get(0);
        if (graph.getVertex(name) == null || name.equals(head) || name.equals(input)) {
            throw new UserException("freeze-up-to '" + config.freezeUpTo + "' is not a layer of " + backbone.id()
                    + " below the head; use all, last-block or a block output such as " + exampleBoundary() + ".");
        }
        if (!cutsCleanly(graph, name)) {
            throw new UserException("freeze-up-to '" + config.freezeUpTo + "' is inside a residual block of " + backbone.id()
                    + ": layers above it also read layers below it; use a block output such as " + exampleBoundary() + ".");
        }
        return name;
    }

    /** Whether everything above {@code boundary} reads only the boundary or other layers above it (so its output alone can be cached). */
    private static boolean cutsCleanly(ComputationGraph graph, String boundary) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        Set<String> frozen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(boundary));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (frozen.add(v)) {
                todo.addAll(inputs.getOrDefault(v, List.of()));
            }
        }
        for (Map.Entry<String, List<String>> e : inputs.entrySet()) {
            if (!frozen.contains(e.getKey())) {
                for (String in : e.getValue()) {
                    if (frozen.contains(in) && !in.equals(boundary)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private String exampleBoundary() {
        return switch (backbone.family()) {
            case Backbone.MOBILENET_V2 -> "block14_add or head_relu6";
            case ZooNetworks.RESNET50 -> "res4f_branch (trains stage 5) or res5b_branch";
            case ZooNetworks.VGG16_NAME -> "17 (the last pool; trains the dense layers 18, 19) or 18";
            default -> "block11_pw_relu6";
        };
    }

    public Result train(PhotoSet train, PhotoSet validation, PhotoSet test) {
        try {
            return train(train, validation, test, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param resume continue from the checkpoint beside the bundle: the backbone features are computed again (the
     *               same, seeded), the trained part gets the last epoch's weights and optimiser state back
     */
    public Result train(PhotoSet train, PhotoSet validation, PhotoSet test, boolean resume) throws IOException {
        // Read (or cleared) before the backbone pass, so that a checkpoint that cannot resume fails at once.
        Checkpoint checkpoint = Checkpoint.beside(config.out);
        TrainingState state = checkpoint.open(resume, backbone.id(), "--backbone");
        ComputationGraph graph = initialGraph();
        String boundary = frozenBoundary(graph);
        long featureStart = System.nanoTime();
        // The frozen part only runs forward: its batch norms fold away (same features, computed faster).
        ComputationGraph frozen = BatchNormFolding.fold(graph, Set.of(boundary));
        PhotoFeatures trainFeatures = features(frozen, boundary, train, null, 0, false);
        int originals = trainFeatures.size();
        PhotoAugmenter augmenter = new PhotoAugmenter();
        for (int copy = 1; copy <= config.augmentCopies; copy++) {
            trainFeatures = trainFeatures.concat(features(frozen, boundary, train, augmenter, copy, false));
        }
        // Trained on randomly flipped copies, the network is judged on each photo and its mirror image, averaged
        // (clothing-mobilenetv2, chosen on validation: top-1 90.03% against 89.74%, loss 0.356 against 0.382; then on
        // its test split top-1 87.30% against 87.95%, loss 0.381 against 0.397).
        ModelInfo.Preprocessing preprocessing = backbone.preprocessing().withFlipAverage(config.augmentCopies > 0);
        Views valViews = views(frozen, boundary, validation, preprocessing);
        Views testViews = views(frozen, boundary, test, preprocessing);
        PhotoFeatures valFeatures = valViews.plain();
        PhotoFeatures testFeatures = testViews.plain();
        double featureSeconds = (System.nanoTime() - featureStart) / 1e9;
        if (trainFeatures.size() == 0 || valFeatures.size() == 0) {
            throw new UserException("No readable photos in the training or validation split; check the dataset folder.");
        }

        TransferLearningHelper helper = new TransferLearningHelper(graph.clone(), boundary);
        ComputationGraph tail = helper.unfrozenGraph();
        if (config.init.startsWith("pretrained:") && !resume) {
            int[] sample = java.util.Arrays.copyOf(FeatureBatches.shuffled(trainFeatures.size(), new Random(config.seed)),
                    Math.min(CALIBRATION_SAMPLE, trainFeatures.size()));
            try (INDArray x = trainFeatures.rows(sample)) {
                BatchNormCalibration.calibrate(tail, x);
            }
        }
        DnnlHelpers.attach(tail);
        // The helper's fitFeaturized is the tail's own fit (plus a copy into a graph we do not use): train the tail.
        TrainableNetwork net = new TrainableNetwork(tail);
        if (resume) {
            checkpoint.loadLast(net);
        }
        int trainSample = Math.min(originals, 5000);
        PhotoFeatures trainSet = trainFeatures;
        Trainee trainee = new Trainee(net, new FeatureBatches(trainFeatures, labels.size(), config.batchSize, config.seed),
                factor -> scaleLearningRates(tail, factor), () -> metrics(helper, trainSet, trainSample),
                () -> Metrics.of(valFeatures.labels(), probabilities(helper, valViews), labels));
        new EpochLoop(config, List.of(checkpoint.writer(net, state), progress)).run(trainee, state);
        checkpoint.loadBest(net);
        // Back into the clean graph by layer name: the bundle then has the plain backbone configuration.
        for (Layer layer : tail.getLayers()) {
            if (layer.numParams() > 0) {
                graph.getLayer(layer.conf().getLayer().getLayerName()).setParams(layer.params());
            }
        }
        float[][] valProbs = probabilities(helper, valViews);
        float[][] testProbs = probabilities(helper, testViews);
        int skippedTrain = trainFeatures.skipped() / (1 + config.augmentCopies);
        // Readable photos only, as for validation and test.
        return new Result(graph, state, valFeatures, testFeatures, train.size() - skippedTrain, skippedTrain,
                featureSeconds, boundary, tail.numParams(), preprocessing, valProbs, testProbs,
                probabilities(helper, testFeatures, testFeatures.size()));
    }

    /** The frozen part's output for every photo, or (mirrored) for every photo's mirror image. */
    private PhotoFeatures features(ComputationGraph frozen, String boundary, PhotoSet photos, PhotoAugmenter augmenter, int copy,
                                   boolean mirrored) {
        List<String> out = List.of(boundary);
        UnaryOperator<INDArray> forward = x -> frozen.output(out, false, new INDArray[]{x}, null)[0];
        UnaryOperator<INDArray> run = !mirrored ? forward : x -> {
            try (INDArray mirror = ViewAverage.mirror(x)) {
                return forward.apply(mirror);
            }
        };
        return PhotoFeatures.compute(run, backbone.input(), backbone.preprocessing(), photos, augmenter, config.seed + copy,
                FEATURE_BATCH, featureProgress);
    }

    private Views views(ComputationGraph frozen, String boundary, PhotoSet photos, ModelInfo.Preprocessing preprocessing) {
        PhotoFeatures plain = features(frozen, boundary, photos, null, 0, false);
        // Same photos in the same order, so row i of both is the same photo (unreadable ones are skipped in both).
        return new Views(plain, preprocessing.flipAverage() ? features(frozen, boundary, photos, null, 0, true) : null);
    }

    /** Class probabilities of every photo of the split, averaged over its views. */
    private static float[][] probabilities(TransferLearningHelper helper, Views views) {
        float[][] plain = probabilities(helper, views.plain(), views.plain().size());
        if (views.mirrored() == null) {
            return plain;
        }
        float[][] mirrored = probabilities(helper, views.mirrored(), views.mirrored().size());
        for (int i = 0; i < plain.length; i++) {
            for (int c = 0; c < plain[i].length; c++) {
                plain[i][c] = (plain[i][c] + mirrored[i][c]) / 2;
            }
        }
        return plain;
    }

    /**
     * The head at learning-rate, the unfrozen backbone layers at fine-tune-learning-rate, both times the schedule's
     * factor. Set on each layer's Adam configuration in place, which the optimiser reads at every step: DL4J's
     * {@code ComputationGraph.setLearningRate(layer, rate)} rebuilds the optimiser's state and fails with a
     * NullPointerException once a fine-tuned tail (several layers, batch norm among them) has taken a step.
     */
    private void scaleLearningRates(ComputationGraph tail, double factor) {
        for (Layer layer : tail.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (layer.numParams() > 0 && layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() instanceof Adam adam) {
                adam.setLearningRate(factor * (name.equals(head) ? config.learningRate : config.fineTuneLearningRate));
            }
        }
    }

    private Metrics metrics(TransferLearningHelper helper, PhotoFeatures f, int count) {
        int[] truth = java.util.Arrays.copyOf(f.labels(), count);
        return Metrics.of(truth, probabilities(helper, f, count), labels);
    }

    static float[][] probabilities(TransferLearningHelper helper, PhotoFeatures f, int count) {
        float[][] out = new float[count][];
        for (int from = 0; from < count; from += 256) {
            int to = Math.min(count, from + 256);
            INDArray probs = helper.outputFromFeaturized(f.rows(from, to));
            for (int i = from; i < to; i++) {
                out[i] = probs.getRow(i - from).toFloatVector();
            }
        }
        return out;
    }
}
