package org.vestis.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.UserException;
import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.vestis.nn.dnnl.CallingThreadOmp;
import org.vestis.nn.dnnl.DnnlHelpers;
import org.vestis.nn.inference.BatchNormFolding;
import org.vestis.nn.inference.ChannelsLast;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A trained model on disk: a directory with model.zip (DL4J) and model.json ({@link ModelInfo}). The network
 * is a MultiLayerNetwork (the compact CNNs) or a ComputationGraph (MobileNets, with their residual
 * connections); exactly one of the two is set.
 */
public record ModelBundle(MultiLayerNetwork network, ComputationGraph graph, ModelInfo info) {
    private static final Logger LOG = LoggerFactory.getLogger(ModelBundle.class);
    public static final String MODEL_FILE = "model.zip";
    public static final String INFO_FILE = "model.json";
    /** Input values per inference call below which one OpenMP thread beats two (MobileNetV2 at batch 1 is 150,528). */
    static final long SMALL_BATCH_VALUES = 160_000;

    public ModelBundle(MultiLayerNetwork network, ModelInfo info) {
        this(network, null, info);
    }

    public ModelBundle(ComputationGraph graph, ModelInfo info) {
        this(null, graph, info);
    }

    /** A bundle around either kind of network. */
    public static ModelBundle of(Model model, ModelInfo info) {
        return model instanceof ComputationGraph g ? new ModelBundle(g, info) : new ModelBundle((MultiLayerNetwork) model, info);
    }

    /** Reads a DL4J model file of either kind, with or without its optimiser state. */
    public static Model restore(Path modelFile, boolean withUpdater) throws IOException {
        boolean graph = isGraph(modelFile);
        byte[] modernised = LegacyClassNames.modernisedCopy(modelFile);
        if (modernised != null) {
            InputStream in = new ByteArrayInputStream(modernised);
            return graph ? ModelSerializer.restoreComputationGraph(in, withUpdater) : ModelSerializer.restoreMultiLayerNetwork(in, withUpdater);
        }
        return graph
                ? ModelSerializer.restoreComputationGraph(modelFile.toFile(), withUpdater)
                : ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), withUpdater);
    }

    /** The network, whichever kind it is (for saving). */
    public Model model() {
        return network != null ? network : graph;
    }

    /**
     * Class probabilities for a batch of inputs (inference mode), averaged over the test-time views model.json
     * declares (flips, shifts: {@link ViewAverage}).
     */
    public INDArray output(INDArray features) {
        Model m = model();
        return ViewAverage.apply(x -> output(m, x), features, info.preprocessing());
    }

    /**
     * Class probabilities of the inputs as they are, never view-averaged: for the video pipeline, whose top-N
     * smoothing already averages each track over frames and which cannot spare several times the inference time.
     */
    public INDArray singleViewOutput(INDArray features) {
        return output(model(), features);
    }

    /**
     * This bundle with its network replaced by the copy with batch norms folded into the layers before them
     * ({@link BatchNormFolding}), in the channels-last layout where that is supported ({@link ChannelsLast}):
     * the same outputs, faster. For inference only: never train or save the result.
     */
    public ModelBundle forInference() {
        return of(inferenceCopy(model()), info);
    }

    /**
     * The inference copy of a bare network of either kind, as {@link #forInference()} makes it. The copy is only
     * a speed-up: a network it cannot be made for (a layer kind the rewrite trips on) is used as it is.
     */
    public static Model inferenceCopy(Model model) {
        try {
            return ChannelsLast.convert(BatchNormFolding.fold(model));
        } catch (RuntimeException e) {
            LOG.warn("Inference runs on the network as saved (no batch-norm folding): {}", e.toString());
            return model;
        }
    }

    /**
     * The same for a bare network of either kind. Small batches run on one OpenMP thread: with two, the threads'
     * hand-offs cost more than the second core gains (benchmarks/RESULTS.md, 2026-11-23, with the inference copy's
     * oneDNN layers: batch 1 on one thread and on two, seed-cnn 306 and 106 img/s, MobileNetV2 23.0 and 15.7).
     */
    public static INDArray output(Model model, INDArray features) {
        try (CallingThreadOmp omp = CallingThreadOmp.limit(features.length() < SMALL_BATCH_VALUES ? 1 : 0)) {
            return model instanceof ComputationGraph g ? g.outputSingle(false, features) : ((MultiLayerNetwork) model).output(features, false);
        }
    }

    public static ModelBundle load(Path dir) {
        checkFiles(dir);
        Path infoFile = dir.resolve(INFO_FILE);
        Path modelFile = dir.resolve(MODEL_FILE);
        ModelInfo info;
        try {
            info = Json.MAPPER.readValue(infoFile.toFile(), ModelInfo.class);
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new UserException(infoFile + " is not valid model metadata (" + why + ").", e);
        }
        if (info.labels() == null || info.labels().isEmpty() || info.input() == null) {
            throw new UserException(infoFile + " lacks its labels or input shape; the bundle is damaged.");
        }
        ModelBundle bundle;
        try {
            bundle = of(restore(modelFile, false), info);
        } catch (IOException | RuntimeException e) {
            throw new UserException(modelFile + " is not a readable DL4J model (" + e.getMessage() + ").", e);
        }
        long outputs = bundle.outputCount();
        if (outputs != info.labels().size()) {
            throw new UserException(dir + ": the model has " + outputs + " outputs but model.json lists " + info.labels().size() + " labels.");
        }
        checkInputShape(bundle, dir);
        DnnlHelpers.attach(bundle.model());
        return bundle;
    }

    /** One zero image of the declared shape through the network: a model.json that lies about it is caught here, not mid-run. */
    private static void checkInputShape(ModelBundle bundle, Path dir) {
        ModelInfo.Input in = bundle.info().input();
        try (INDArray probe = Nd4j.zeros(DataType.FLOAT, 1, in.channels(), in.height(), in.width());
             INDArray ignored = output(bundle.model(), probe)) {
            // the shape fits
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new UserException(dir + ": model.json declares " + in.height() + "x" + in.width() + " images with " + in.channels()
                    + " channel(s), but the network does not take that shape (" + why + "); the bundle is damaged.", e);
        }
    }

    private long outputCount() {
        org.deeplearning4j.nn.api.Layer out = network != null ? network.getOutputLayer() : graph.getOutputLayer(0);
        return ((FeedForwardLayer) out.conf().getLayer()).getNOut();
    }

    /** A ComputationGraph's saved configuration lists "vertices"; a MultiLayerNetwork's does not. */
    private static boolean isGraph(Path modelFile) throws IOException {
        try (ZipFile zip = new ZipFile(modelFile.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null) {
                throw new IOException("no configuration.json inside");
            }
            try (InputStream in = zip.getInputStream(conf)) {
                return Json.MAPPER.readTree(in).has("vertices");
            }
        }
    }

    /** That {@code dir} holds a bundle's two files, checked cheaply (before a window opens or a long run starts). */
    public static void checkFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("Model directory " + dir + " does not exist; trained bundles live under models/.");
        }
        if (!Files.isRegularFile(dir.resolve(INFO_FILE))) {
            throw new UserException(dir + " has no " + INFO_FILE + ", so it is not a Vestis model bundle; train one with 'vestis train'.");
        }
        if (!Files.isRegularFile(dir.resolve(MODEL_FILE))) {
            throw new UserException(dir + " has no " + MODEL_FILE + "; the bundle is incomplete: train or copy it again.");
        }
    }

    /**
     * Writes the bundle plus any extra files already in {@code extrasDir} (plots, report) into {@code dir}:
     * everything goes to a temporary sibling directory first, which then replaces {@code dir} by renames.
     */
    public void save(Path dir, Path extrasDir) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        checkWritable(dir);
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
        OutputFiles.readableByOthers(tmp); // it becomes the bundle's folder
        try {
            ModelSerializer.writeModel(model(), tmp.resolve(MODEL_FILE).toFile(), false);
            Json.MAPPER.writeValue(tmp.resolve(INFO_FILE).toFile(), info);
            if (extrasDir != null) {
                try (Stream<Path> files = Files.list(extrasDir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, tmp.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            replaceDirectory(tmp, dir.toAbsolutePath());
        } finally {
            deleteRecursively(tmp);
        }
    }

    /**
     * Refuses a destination that holds something other than a bundle: saving replaces the whole directory, so
     * {@code --out models} (or a typo naming a data folder) must not delete what is there. Commands call this
     * before they start working, so that the mistake costs nothing.
     */
    public static void checkWritable(Path dir) throws IOException {
        checkWritable(dir, true);
    }

    /**
     * As {@link #checkWritable(Path)}, and without {@code overwrite} a trained bundle there is refused too: a quick try
     * must not replace a model that took hours (when overwritten, the old one is kept as {@link #backupOf}).
     */
    public static void checkWritable(Path dir, boolean overwrite) throws IOException {
        Path existing = dir.toAbsolutePath().normalize(); // "a/missing/../m" is "a/m", as save() will write it
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new UserException(dir + " cannot be created: " + existing + " is a file; choose another --out.");
        }
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.isRegularFile(dir.resolve(INFO_FILE))) {
            if (!overwrite) {
                throw new UserException(dir + " already holds a trained model; pass --overwrite to replace it (the old one is then kept as "
                        + backupOf(dir).getFileName() + ") or choose another --out.");
            }
            return;
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
        }
        throw new UserException(dir + " already exists and is not a model bundle (no " + INFO_FILE
                + "); choose another output directory or remove it first.");
    }

    /** Where a replaced bundle is kept: {@code models/NAME.previous} beside {@code models/NAME} (one generation). */
    private static Path backupOf(Path dir) {
        return dir.toAbsolutePath().resolveSibling(dir.getFileName() + ".previous");
    }

    /** {@code fresh} becomes {@code dir}; a bundle that was there is kept as its backup, anything else is removed. */
    private static void replaceDirectory(Path fresh, Path dir) throws IOException {
        Path old = Files.isRegularFile(dir.resolve(INFO_FILE)) ? backupOf(dir) : dir.resolveSibling("." + dir.getFileName() + ".old");
        deleteRecursively(old);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        if (old.getFileName().toString().startsWith(".")) {
            deleteRecursively(old);
        }
    }

    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
