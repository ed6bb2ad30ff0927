package org.vestis.interop.tflite;

import org.vestis.io.Downloader;
import org.vestis.io.InputFiles;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;
import org.vestis.model.zoo.Backbone;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.model.Versions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the weights of a TensorFlow Lite MobileNet v1 or v2 classifier into Vestis' own DL4J MobileNet of
 * the same shape, so that imported and random models share one configuration. The file's convolutions have
 * batch norm folded into their weights and a bias; each of our BN layers is therefore set to "add the bias"
 * (gamma 1, beta = bias, mean 0, variance 1 - eps). Operators are matched in execution order against our
 * layers; the first difference (an unsupported operator, another width multiplier, a stride) ends the import
 * with a message naming it. Keras exports, with a PAD in front of each strided convolution, import too
 * ({@link ExplicitPadding}).
 */
public final class TfliteImporter {
    private static final Set<Integer> SUPPORTED = Set.of(TfliteModel.CONV_2D, TfliteModel.DEPTHWISE_CONV_2D, TfliteModel.ADD,
            TfliteModel.AVERAGE_POOL_2D, TfliteModel.MEAN, TfliteModel.FULLY_CONNECTED, TfliteModel.RESHAPE,
            TfliteModel.SQUEEZE, TfliteModel.SOFTMAX, 6 /* DEQUANTIZE */, 114 /* QUANTIZE */, ExplicitPadding.PAD, ExplicitPadding.PADV2);
    /** Width multipliers of the published MobileNets; v2's channel rounding makes alpha ambiguous otherwise. */
    private static final double[] WIDTHS = {0.25, 0.35, 0.5, 0.75, 1.0, 1.3, 1.4};
    private static final int NO_ACTIVATION = 0;
    private static final int RELU6 = 3;

    /** The imported network and the backbone it was matched to. */
    public record Imported(ComputationGraph graph, Backbone backbone) {
    }

    /** One of our layers that carries weights, with what the TensorFlow Lite operator must look like. */
    private record Slot(String layer, int code, int[] tfliteShape, int stride, boolean relu6) {
    }

    private TfliteImporter() {
    }

    /**
     * The whole import: weights, labels (one per line, in output order) and model.json, ready to save.
     * {@code dataset} names what the model was trained on (model.json's provenance), e.g. "imagenet".
     */
    public static ModelBundle importBundle(Path file, Path labelsFile, String name, String dataset, String command) {
        List<String> labels = readLabels(labelsFile);
        Imported imported = importFile(file);
        long outputs = imported.graph().getOutputLayer(0).getParam("b").length();
        if (labels.size() == outputs - 1) {
            labels.add(0, "background"); // TensorFlow's 1001-class models reserve output 0 for it
        } else if (labels.size() != outputs) {
            throw new UserException(labelsFile + " has " + labels.size() + " labels but " + file.getFileName() + " has "
                    + outputs + " outputs; pass the labels file that came with the model.");
        }
        Backbone b = imported.backbone();
        ModelInfo info = new ModelInfo(ModelInfo.FORMAT, name, labels, b.input(), b.preprocessing(), b.id(), dataset,
                new ModelInfo.Initialisation("pretrained", 0, "TensorFlow Lite " + file.getFileName() + " (sha256 " + sha256(file) + ")"),
                null, null, Versions.current(), command, Instant.now().toString());
        return new ModelBundle(imported.graph(), info);
    }

    public static List<String> readLabels(Path labelsFile) {
        InputFiles.requireFile(labelsFile, "Labels file", "pass the model's labels, one per line.");
        try {
            List<String> labels = new ArrayList<>(Files.readAllLines(labelsFile, StandardCharsets.UTF_8));
            while (!labels.isEmpty() && labels.get(labels.size() - 1).isBlank()) {
                labels.remove(labels.size() - 1);
            }
            return labels;
        } catch (IOException e) {
            throw new UserException("Cannot read labels file " + labelsFile + " (" + e.getMessage() + ").", e);
        }
    }

    private static String sha256(Path file) {
        try {
            return Downloader.sha256Of(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Imported importFile(Path file) {
        TfliteModel model = TfliteModel.read(file);
        try {
            return importModel(model, file.getFileName().toString());
        } catch (IndexOutOfBoundsException e) {
            throw new UserException(file + " is a damaged TensorFlow Lite file (" + e.getMessage() + "); download it again.", e);
        } catch (IllegalStateException e) {
            throw new UserException(file + " cannot be imported: " + e.getMessage() + ".", e);
        }
    }

    static Imported importModel(TfliteModel model, String what) {
        List<TfliteModel.Operator> weighted = new ArrayList<>();
        int adds = 0;
        for (TfliteModel.Operator op : model.operators()) {
            if (!SUPPORTED.contains(op.code())) {
                throw new UserException(what + " uses the operator " + op.name() + ", which the importer does not support: it reads"
                        + " MobileNet v1/v2 classifiers as TensorFlow publishes them or as Keras exports them.");
            }
            if (op.code() == TfliteModel.CONV_2D || op.code() == TfliteModel.DEPTHWISE_CONV_2D || op.code() == TfliteModel.FULLY_CONNECTED) {
                weighted.add(op);
            } else if (op.code() == TfliteModel.ADD) {
                adds++;
            }
        }
        if (weighted.size() < 3 || weighted.get(0).code() != TfliteModel.CONV_2D) {
            throw new UserException(what + " does not start with a convolution, so it is not a MobileNet v1/v2 classifier.");
        }
        Set<TfliteModel.Operator> padded = ExplicitPadding.sameEquivalent(model, what);
        int inputSize = inputSize(model, what);
        String family = adds > 0 ? Backbone.MOBILENET_V2 : Backbone.MOBILENET_V1;
        int numClasses = model.tensor(weighted.get(weighted.size() - 1).inputs()[1]).shape()[0];
        if (numClasses < 1) {
            throw new IndexOutOfBoundsException("a classifier with " + numClasses + " outputs");
        }

        // Try the published width multipliers; if none fits, report the first difference of the first one
        // whose stem has the file's channel count (the most plausible intended shape).
        int stem = model.tensor(weighted.get(0).inputs()[1]).shape()[0];
        String report = null;
        boolean reportStemMatches = false;
        for (double width : WIDTHS) {
            Backbone backbone = new Backbone(family, width, inputSize);
            ComputationGraphConfiguration conf = backbone.graphConfiguration(numClasses, 0);
            List<Slot> slots = slots(conf);
            String problem = mismatch(model, weighted, padded, slots, countAdds(conf), adds, backbone);
            if (problem == null) {
                ComputationGraph graph = backbone.buildGraph(numClasses, 0);
                for (int i = 0; i < slots.size(); i++) {
                    load(graph, slots.get(i), model, weighted.get(i));
                }
                return new Imported(graph, backbone);
            }
            boolean stemMatches = slots.get(0).tfliteShape()[0] == stem;
            if (report == null || (stemMatches && !reportStemMatches)) {
                report = problem;
                reportStemMatches = stemMatches;
            }
        }
        throw new UserException(what + " is not a MobileNet v1/v2 of a supported shape: " + report + ".");
    }

    private static int inputSize(TfliteModel model, String what) {
        TfliteModel.Tensor in = model.tensor(model.inputs()[0]);
        int[] s = in.shape();
        if (s.length != 4 || s[1] != s[2] || s[3] != 3) {
            throw new UserException(what + " takes input " + Arrays.toString(s) + "; a MobileNet import needs a square RGB image [1, size, size, 3].");
        }
        if (in.type() == TfliteModel.UINT8 && in.quantisation().present()) {
            // Pixels 0 and 255 must map to about -1 and 1: the normalisation our bundles declare for MobileNets.
            double scale = in.quantisation().scale()[0];
            double zero = in.quantisation().zeroPoint().length > 0 ? in.quantisation().zeroPoint()[0] : 0;
            double low = (0 - zero) * scale;
            double high = (255 - zero) * scale;
            if (Math.abs(low + 1) > 0.02 || Math.abs(high - 1) > 0.02) {
                throw new UserException(String.format(java.util.Locale.ROOT,
                        "%s maps pixel values to [%.3f, %.3f], not to [-1, 1] as MobileNets do; it cannot be imported.", what, low, high));
            }
        }
        return s[1];
    }

    /** Our weighted layers in execution order (the graph builders add vertices in that order). */
    private static List<Slot> slots(ComputationGraphConfiguration conf) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        List<Slot> slots = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            String name = e.getKey();
            boolean relu6 = vertices.containsKey(name + "_relu6");
            if (layer instanceof DepthwiseConvolution2D dw) {
                int[] k = dw.getKernelSize();
                slots.add(new Slot(name, TfliteModel.DEPTHWISE_CONV_2D,
                        new int[]{1, k[0], k[1], (int) (dw.getNIn() * dw.getDepthMultiplier())}, dw.getStride()[0], relu6));
            } else if (layer instanceof ConvolutionLayer c) {
                int[] k = c.getKernelSize();
                slots.add(new Slot(name, TfliteModel.CONV_2D, new int[]{(int) c.getNOut(), k[0], k[1], (int) c.getNIn()}, c.getStride()[0], relu6));
            } else if (layer instanceof OutputLayer o) {
                slots.add(new Slot(name, TfliteModel.FULLY_CONNECTED, new int[]{(int) o.getNOut(), (int) o.getNIn()}, 1, false));
            }
        }
        return slots;
    }

    private static int countAdds(ComputationGraphConfiguration conf) {
        return (int) conf.getVertices().values().stream().filter(v -> v instanceof ElementWiseVertex).count();
    }

    /**
     * Null when the operators fit the slots, else the first difference in words. {@code padded}: the convolutions
     * with a PAD in front that makes their VALID padding SAME ({@link ExplicitPadding}).
     */
    private static String mismatch(TfliteModel model, List<TfliteModel.Operator> ops, Set<TfliteModel.Operator> padded, List<Slot> slots,
                                   int expectedAdds, int adds, Backbone backbone) {
        for (int i = 0; i < Math.min(ops.size(), slots.size()); i++) {
            TfliteModel.Operator op = ops.get(i);
            Slot slot = slots.get(i);
            int[] shape = model.tensor(op.inputs()[1]).shape();
            String where = "operator " + (i + 1) + " of " + ops.size() + " with weights (" + op.name() + " " + Arrays.toString(shape)
                    + ") does not fit " + backbone.id() + "'s layer " + slot.layer();
            boolean classifier = slot.code() == TfliteModel.FULLY_CONNECTED;
            if (classifier) {
                // The classifier is a 1x1 convolution [out, 1, 1, in] in TensorFlow's files, or a fully connected layer [out, in].
                boolean fits = (op.code() == TfliteModel.FULLY_CONNECTED && shape.length == 2 && shape[0] == slot.tfliteShape()[0] && shape[1] == slot.tfliteShape()[1])
                        || (op.code() == TfliteModel.CONV_2D && Arrays.equals(shape, new int[]{slot.tfliteShape()[0], 1, 1, slot.tfliteShape()[1]}));
                if (!fits) {
                    return where + " (expected a classifier with weights [" + slot.tfliteShape()[0] + ", " + slot.tfliteShape()[1] + "])";
                }
                if (activation(op) != NO_ACTIVATION) {
                    return where + " (the classifier has a fused activation)";
                }
                continue;
            }
            if (op.code() != slot.code() || !Arrays.equals(shape, slot.tfliteShape())) {
                return where + " (expected " + TfliteModel.opName(slot.code()) + " " + Arrays.toString(slot.tfliteShape()) + ")";
            }
            // Options: Conv2D and DepthwiseConv2D both have 0 padding, 1 stride_w, 2 stride_h.
            int strideW = op.options().intField(1, 1);
            int strideH = op.options().intField(2, 1);
            if (strideW != slot.stride() || strideH != slot.stride()) {
                return where + " (stride " + strideH + "x" + strideW + ", expected " + slot.stride() + ")";
            }
            boolean valid = op.options().byteField(0, 0) != 0;
            boolean padIsSame = padded.contains(op);
            if (padIsSame && !valid) {
                return where + " (a PAD in front of a convolution with SAME padding pads twice)";
            }
            if (!padIsSame && valid && shape[1] > 1) {
                return where + " (VALID padding; MobileNets use SAME)";
            }
            int expected = slot.relu6() ? RELU6 : NO_ACTIVATION;
            if (activation(op) != expected) {
                return where + " (fused activation " + activation(op) + ", expected " + (slot.relu6() ? "RELU6" : "none") + ")";
            }
            if (op.code() == TfliteModel.DEPTHWISE_CONV_2D && op.options().intField(3, 1) != 1) {
                return where + " (depth multiplier " + op.options().intField(3, 1) + ", expected 1)";
            }
        }
        if (ops.size() != slots.size()) {
            return "it has " + ops.size() + " layers with weights, " + backbone.id() + " has " + slots.size();
        }
        if (adds != expectedAdds) {
            return "it has " + adds + " residual additions, " + backbone.id() + " has " + expectedAdds;
        }
        return null;
    }

    /** The fused activation: field 3 of Conv2DOptions, field 4 of DepthwiseConv2DOptions, 1 of FullyConnectedOptions. */
    private static int activation(TfliteModel.Operator op) {
        return switch (op.code()) {
            case TfliteModel.CONV_2D -> op.options().byteField(3, 0);
            case TfliteModel.DEPTHWISE_CONV_2D -> op.options().byteField(4, 0);
            default -> op.options().byteField(0, 0);
        };
    }

    private static void load(ComputationGraph graph, Slot slot, TfliteModel model, TfliteModel.Operator op) {
        TfliteModel.Tensor weights = model.tensor(op.inputs()[1]);
        float[] w = weights.values();
        float[] bias = op.inputs().length > 2 && op.inputs()[2] >= 0 ? model.tensor(op.inputs()[2]).values() : null;
        int[] s = weights.shape();
        org.deeplearning4j.nn.api.Layer layer = graph.getLayer(slot.layer());
        if (slot.code() == TfliteModel.FULLY_CONNECTED) {
            int out = s[0];
            int in = s[s.length - 1];
            // TensorFlow Lite [out, in] (or [out, 1, 1, in]); DL4J dense W is [in, out].
            set(layer, "W", Nd4j.create(w, new long[]{out, in}, 'c').transpose());
            set(layer, "b", Nd4j.create(bias == null ? new float[out] : bias, new long[]{1, out}, 'c'));
            return;
        }
        INDArray tf = Nd4j.create(w, Arrays.stream(s).asLongStream().toArray(), 'c');
        if (slot.code() == TfliteModel.CONV_2D) {
            set(layer, "W", tf.permute(0, 3, 1, 2)); // OHWI -> DL4J [out, in, kh, kw]
        } else {
            set(layer, "W", tf.reshape('c', s[1], s[2], s[3], 1)); // [1, kh, kw, channels] -> DL4J [kh, kw, channels, multiplier]
        }
        setBatchNormToBias(graph.getLayer(slot.layer() + "_bn"), bias == null ? new float[s[0] == 1 ? s[3] : s[0]] : bias);
    }

    /** Makes a BN layer compute x + bias: the convolution's folded batch norm. */
    static void setBatchNormToBias(org.deeplearning4j.nn.api.Layer bn, float[] bias) {
        BatchNormalization conf = (BatchNormalization) bn.conf().getLayer();
        int n = bias.length;
        set(bn, "gamma", Nd4j.ones(DataType.FLOAT, 1, n));
        set(bn, "beta", Nd4j.create(bias, new long[]{1, n}, 'c'));
        set(bn, "mean", Nd4j.zeros(DataType.FLOAT, 1, n));
        if (bn.paramTable().containsKey("log10stdev")) {
            // DL4J's default stores log10(std) and divides by sqrt(std^2 + eps): std^2 = 1 - eps makes that 1.
            set(bn, "log10stdev", Nd4j.valueArrayOf(new long[]{1, n}, (float) (0.5 * Math.log10(1 - conf.getEps()))));
        } else {
            set(bn, "var", Nd4j.valueArrayOf(new long[]{1, n}, (float) (1 - conf.getEps())));
        }
    }

    private static void set(org.deeplearning4j.nn.api.Layer layer, String key, INDArray value) {
        INDArray target = layer.getParam(key);
        boolean sameRank = target != null && target.rank() == value.rank();
        if (target == null || target.length() != value.length() || (sameRank && !Arrays.equals(target.shape(), value.shape()))) {
            throw new IllegalStateException("layer " + layer.conf().getLayer().getLayerName() + " param " + key + " has shape "
                    + (target == null ? "none" : Arrays.toString(target.shape())) + ", import has " + Arrays.toString(value.shape()));
        }
        target.assign(value.reshape(target.shape()).castTo(target.dataType()));
    }
}
