package org.vestis.interop.keras;

import org.vestis.io.Downloader;
import org.vestis.io.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.hdf5.global.hdf5;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;
import org.vestis.data.FashionMnist;
import org.vestis.io.Json;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.interop.tflite.TfliteImporter;
import org.vestis.model.Versions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports a Keras 2.x model saved with {@code model.save('model.h5')} (a Sequential model becomes a
 * MultiLayerNetwork, a functional one a ComputationGraph) through DL4J's Keras import, then turns it into what the
 * rest of Vestis feeds: DL4J imports Keras' channels_last layers as NHWC, which would expect [batch, height, width,
 * channels]; Vestis feeds NCHW [batch, channels, height, width] (as its own models take). The importer switches
 * every layer and preprocessor to NCHW and reorders the rows of a dense layer that follows a Flatten (Keras flattens
 * in height-width-channel order, NCHW in channel-height-width order), then checks on a random input that the
 * converted network computes what the imported one does.
 */
public final class KerasImporter {
    /** HDF5's format signature; at offset 0, or 512, 1024, 2048, ... when the file has a user block. */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final Pattern NHWC = Pattern.compile("(\"(?:cnn2dDataFormat|format|dataFormat)\"\\s*:\\s*)\"NHWC\"");
    private static final double CONVERSION_TOLERANCE = 1e-4;
    private static final Pattern LAMBDA = Pattern.compile("for Lambda layer (\\S+?)\\.?\\s");

    /** The imported network (exactly one of network and graph is set) and what the file says about itself. */
    public record Imported(MultiLayerNetwork network, ComputationGraph graph, ModelInfo.Input input, String modelClass,
                           String kerasVersion, String backend, JsonNode trainingConfig) {
        INDArray output(INDArray x) {
            return network != null ? network.output(x, false) : graph.outputSingle(false, x);
        }
    }

    private KerasImporter() {
    }

    /**
     * The whole import, ready to save. {@code labelsFile} may be null for a 28x28x1 model with 10 outputs (the
     * Fashion-MNIST labels); {@code dataset} may be null ("fashion-mnist" for such a model, else "custom");
     * {@code normalisation} ({@link ModelInfo.Preprocessing#SCALE_0_1} or MINUS_ONE_TO_ONE) may be null for scale-0-1.
     */
    public static ModelBundle importBundle(Path file, Path labelsFile, String name, String dataset, String normalisation, String command) {
        String norm = normalisation == null ? ModelInfo.Preprocessing.SCALE_0_1 : normalisation;
        if (!norm.equals(ModelInfo.Preprocessing.SCALE_0_1) && !norm.equals(ModelInfo.Preprocessing.MINUS_ONE_TO_ONE)) {
            throw new UserException("Unknown normalisation '" + norm + "'; use " + ModelInfo.Preprocessing.SCALE_0_1
                    + " (pixels / 255) or " + ModelInfo.Preprocessing.MINUS_ONE_TO_ONE + " (pixels / 127.5 - 1).");
        }
        List<String> labels = labelsFile == null ? null : TfliteImporter.readLabels(labelsFile);
        Imported imported = importFile(file);
        ModelInfo.Input in = imported.input();
        long outputs = imported.output(Nd4j.zeros(DataType.FLOAT, 1, in.channels(), in.height(), in.width())).size(1);
        boolean fashionMnistShape = in.height() == 28 && in.width() == 28 && in.channels() == 1 && outputs == FashionMnist.LABELS.size();
        if (labels == null) {
            if (!fashionMnistShape) {
                throw new UserException(file.getFileName() + " has " + outputs + " outputs for " + in.height() + "x" + in.width() + "x"
                        + in.channels() + " input, so its labels are not Fashion-MNIST's; pass them with --labels FILE, one per line in output order.");
            }
            labels = FashionMnist.LABELS;
        } else if (labels.size() != outputs) {
            throw new UserException(labelsFile + " has " + labels.size() + " labels but " + file.getFileName() + " has "
                    + outputs + " outputs; pass one label per output, in output order.");
        }
        ModelInfo.Preprocessing prep = in.channels() == 1
                ? new ModelInfo.Preprocessing(true, norm, "fit", true, true)
                : new ModelInfo.Preprocessing(false, norm, "stretch", false, false);
        String data = dataset != null ? dataset : fashionMnistShape && labels.equals(FashionMnist.LABELS) ? "fashion-mnist" : "custom";
        String sha = sha256(file);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("framework", "Keras " + imported.kerasVersion() + " (" + imported.backend() + " backend)");
        provenance.put("file", file.toString());
        provenance.put("sha256", sha);
        provenance.put("modelClass", imported.modelClass());
        if (imported.trainingConfig() != null) {
            provenance.put("kerasTrainingConfig", imported.trainingConfig());
        }
        ModelInfo info = new ModelInfo(ModelInfo.FORMAT, name, List.copyOf(labels), in, prep,
                "keras-" + imported.modelClass().toLowerCase(java.util.Locale.ROOT), data,
                new ModelInfo.Initialisation("pretrained", 0, "Keras " + file.getFileName() + " (sha256 " + sha + ", keras_version "
                        + imported.kerasVersion() + ")"),
                provenance, null, Versions.current(), command, Instant.now().toString());
        return imported.network() != null ? new ModelBundle(imported.network(), info) : new ModelBundle(imported.graph(), info);
    }

    /** Reads, imports and converts the model; every problem with the file is a {@link UserException}. */
    public static Imported importFile(Path file) {
        InputFiles.requireFile(file, "Keras file", "");
        if (!isHdf5(file)) {
            throw new UserException(file + " is not an HDF5 file; save the Keras model with model.save('model.h5') and import that.");
        }
        quietHdf5();
        JsonNode config;
        String kerasVersion;
        String backend;
        JsonNode trainingConfig = null;
        try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
            if (!archive.hasAttribute("model_config")) {
                throw new UserException(archive.hasAttribute("layer_names")
                        ? file + " holds only weights (model.save_weights); save the whole model with model.save('model.h5') and import that."
                        : file + " has no Keras model_config, so it is not a Keras model saved with model.save('model.h5').");
            }
            config = Json.MAPPER.readTree(archive.readAttributeAsJson("model_config"));
            kerasVersion = archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : "unknown";
            backend = archive.hasAttribute("backend") ? archive.readAttributeAsString("backend") : "unknown";
            if (archive.hasAttribute("training_config")) {
                trainingConfig = Json.MAPPER.readTree(archive.readAttributeAsJson("training_config"));
            }
        } catch (UnsupportedKerasConfigurationException | IOException | RuntimeException e) {
            if (e instanceof UserException u) {
                throw u;
            }
            throw new UserException(file + " cannot be read as a Keras model (" + message(e) + ").", e);
        }
        String modelClass = config.path("class_name").asText();
        boolean sequential = modelClass.equals("Sequential");
        if (!sequential && !modelClass.equals("Functional") && !modelClass.equals("Model")) {
            throw new UserException(file + " holds a Keras " + (modelClass.isEmpty() ? "model of no class" : modelClass)
                    + "; only Sequential and functional models can be imported.");
        }
        ModelInfo.Input input = inputShape(config, file);

        MultiLayerNetwork network = null;
        ComputationGraph graph = null;
        try {
            if (sequential) {
                network = KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false);
            } else {
                graph = KerasModelImport.importKerasModelAndWeights(file.toString(), false);
            }
        } catch (UnsupportedKerasConfigurationException e) {
            java.util.regex.Matcher lambda = LAMBDA.matcher(String.valueOf(e.getMessage()));
            if (lambda.find()) {
                throw new UserException(file + " has a Lambda layer (" + lambda.group(1) + "), which runs Python code and cannot be"
                        + " imported; rebuild the model with built-in Keras layers.", e);
            }
            throw new UserException(file + " uses something DL4J's Keras import does not support: " + message(e) + ".", e);
        } catch (InvalidKerasConfigurationException e) {
            throw new UserException(file + " is not a valid Keras model: " + message(e) + ".", e);
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + " cannot be imported (" + message(e) + ").", e);
        }
        Imported imported = new Imported(network, graph, input, sequential ? "Sequential" : "Functional", kerasVersion, backend, trainingConfig);
        checkClassifier(imported, file);
        return toNchw(imported, file);
    }

    /** height x width x channels from the InputLayer (or the first layer's batch_input_shape). */
    private static ModelInfo.Input inputShape(JsonNode config, Path file) {
        JsonNode shape = null;
        boolean channelsFirst = false;
        for (JsonNode layer : config.path("config").path("layers")) {
            JsonNode c = layer.path("config");
            if (shape == null && c.has("batch_input_shape")) {
                shape = c.get("batch_input_shape");
            }
            channelsFirst |= "channels_first".equals(c.path("data_format").asText());
        }
        if (shape == null || !shape.isArray()) {
            throw new UserException(file + " does not say its input shape (no InputLayer or batch_input_shape); build the model with an input_shape and save it again.");
        }
        if (shape.size() != 4 || !shape.get(1).isInt() || !shape.get(2).isInt() || !shape.get(3).isInt()) {
            throw new UserException(file + " takes input of shape " + shape + "; only image classifiers with a fixed height x width x channels"
                    + " input (e.g. input_shape=(28, 28, 1)) can be imported.");
        }
        int a = shape.get(1).asInt();
        int b = shape.get(2).asInt();
        int c = shape.get(3).asInt();
        ModelInfo.Input in = channelsFirst ? new ModelInfo.Input(b, c, a) : new ModelInfo.Input(a, b, c);
        if (in.channels() != 1 && in.channels() != 3) {
            throw new UserException(file + " takes " + in.channels() + " channels; only grayscale (1) or RGB (3) images can be imported.");
        }
        return in;
    }

    /** The last layer must turn scores into class probabilities. */
    private static void checkClassifier(Imported imported, Path file) {
        Layer last = imported.network() != null ? imported.network().getLayer(imported.network().getnLayers() - 1)
                : imported.graph().getLayer(imported.graph().getConfiguration().getNetworkOutputs().get(0));
        if (imported.graph() != null && imported.graph().getConfiguration().getNetworkOutputs().size() != 1) {
            throw new UserException(file + " has " + imported.graph().getConfiguration().getNetworkOutputs().size()
                    + " outputs; only classifiers with one output can be imported.");
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = last == null ? null : last.conf().getLayer();
        if (!(conf instanceof BaseLayer base) || !(base.getActivationFn() instanceof ActivationSoftmax)) {
            String what = conf instanceof BaseLayer base ? "a " + base.getActivationFn() + " activation" : "no Dense layer";
            throw new UserException(file + " ends with " + what + ", not a Dense layer with softmax; only classifiers"
                    + " whose last layer is Dense(..., activation='softmax') can be imported.");
        }
    }

    /** The imported network turned to NCHW input, checked against the original on a random image batch. */
    private static Imported toNchw(Imported imported, Path file) {
        ModelInfo.Input in = imported.input();
        Imported converted;
        if (imported.network() != null) {
            MultiLayerConfiguration conf = imported.network().getLayerWiseConfigurations();
            String json = conf.toJson();
            String nchw = NHWC.matcher(json).replaceAll("$1\"NCHW\"");
            if (nchw.equals(json)) {
                return imported; // channels_first already
            }
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(nchw));
            net.init();
            for (int i = 0; i < net.getnLayers(); i++) {
                copyParams(imported.network().getLayer(i), net.getLayer(i), flattenBefore(conf.getInputPreProcess(i)));
            }
            converted = new Imported(net, null, in, imported.modelClass(), imported.kerasVersion(), imported.backend(), imported.trainingConfig());
        } else {
            ComputationGraphConfiguration conf = imported.graph().getConfiguration();
            String json = conf.toJson();
            String nchw = NHWC.matcher(json).replaceAll("$1\"NCHW\"");
            if (nchw.equals(json)) {
                return imported;
            }
            ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(nchw));
            graph.init();
            for (Layer layer : imported.graph().getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                copyParams(layer, graph.getLayer(name), flattenBefore(conf, name));
            }
            converted = new Imported(null, graph, in, imported.modelClass(), imported.kerasVersion(), imported.backend(), imported.trainingConfig());
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, in.channels(), in.height(), in.width());
        INDArray expected = imported.output(x.permute(0, 2, 3, 1).dup('c'));
        INDArray actual = converted.output(x);
        double diff = Arrays.equals(expected.shape(), actual.shape()) ? expected.sub(actual).amaxNumber().doubleValue() : Double.POSITIVE_INFINITY;
        if (!(diff <= CONVERSION_TOLERANCE)) {
            throw new UserException(file + " imports, but its channels-last layers could not be turned into the channels-first layout"
                    + " Vestis feeds (outputs differ by " + diff + "); models of the seeds' kind (Conv2D, MaxPooling2D, Flatten, Dense) can.");
        }
        return converted;
    }

    /** The Flatten in front of a layer (a preprocessor on it, or a preprocessor vertex feeding it), if NHWC. */
    private static CnnToFeedForwardPreProcessor flattenBefore(InputPreProcessor p) {
        return p instanceof CnnToFeedForwardPreProcessor c && c.getFormat() == CNN2DFormat.NHWC ? c : null;
    }

    private static CnnToFeedForwardPreProcessor flattenBefore(ComputationGraphConfiguration conf, String name) {
        GraphVertex v = conf.getVertices().get(name);
        if (v instanceof LayerVertex lv && flattenBefore(lv.getPreProcessor()) != null) {
            return flattenBefore(lv.getPreProcessor());
        }
        List<String> inputs = conf.getVertexInputs().get(name);
        if (inputs != null && inputs.size() == 1 && conf.getVertices().get(inputs.get(0)) instanceof PreprocessorVertex pv) {
            return flattenBefore(pv.getPreProcessor());
        }
        return null;
    }

    /** Copies every parameter; a dense kernel after a Flatten gets its rows from HWC into CHW order. */
    private static void copyParams(Layer from, Layer to, CnnToFeedForwardPreProcessor flatten) {
        for (Map.Entry<String, INDArray> e : from.paramTable().entrySet()) {
            INDArray value = e.getValue();
            if (flatten != null && e.getKey().equals("W") && value.rank() == 2) {
                long h = flatten.getInputHeight();
                long w = flatten.getInputWidth();
                long c = flatten.getNumChannels();
                long out = value.size(1);
                value = value.dup('c').reshape('c', h, w, c, out).permute(2, 0, 1, 3).dup('c').reshape('c', c * h * w, out);
            }
            INDArray target = to.getParam(e.getKey());
            if (target == null || target.length() != value.length()) {
                throw new IllegalStateException("layer " + to.conf().getLayer().getLayerName() + " parameter " + e.getKey() + " does not match");
            }
            target.assign(value.reshape(target.shape()));
        }
    }

    static boolean isHdf5(Path file) {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            for (long offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(HDF5_SIGNATURE.length);
                channel.read(buf, offset);
                if (Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + " (" + e.getMessage() + ").", e);
        }
    }

    /** HDF5 prints its error stack to stderr by default; our message says what went wrong instead. */
    private static void quietHdf5() {
        hdf5.H5Eset_auto2(hdf5.H5E_DEFAULT, null, null);
    }

    /** DL4J's messages end with a documentation link and stray full stops; keep the words. */
    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (String tail : new String[]{" For more information", " Please file an issue"}) {
            int at = m.indexOf(tail);
            if (at >= 0) {
                m = m.substring(0, at);
            }
        }
        return m.strip().replaceAll("[.\\s]+$", "");
    }

    private static String sha256(Path file) {
        try {
            return Downloader.sha256Of(file);
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + " (" + e.getMessage() + ").", e);
        }
    }
}
