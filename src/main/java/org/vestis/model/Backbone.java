package org.vestis.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.vestis.UserException;

import java.util.List;
import java.util.Locale;

/**
 * Every network Vestis can build, by name: the compact Fashion-MNIST CNNs ({@link Architecture}) and the
 * MobileNets with their width multiplier and input size. A backbone's id ("mobilenetv1-0.25-128") is what
 * model.json records, and {@link #parse} turns it back into the identical configuration, so that a random
 * and a pretrained model of one backbone differ in their weights only.
 */
public record Backbone(String family, double widthMultiplier, int inputSize) {
    public static final String MOBILENET_V1 = "mobilenetv1";
    public static final String MOBILENET_V2 = "mobilenetv2";
    public static final List<String> FAMILIES = List.of("seed-cnn", "fashion-cnn", MOBILENET_V1, MOBILENET_V2);

    /** MobileNet inputs: RGB scaled to [-1,1], the photo stretched to the square input (as TensorFlow Lite's examples do). */
    public static final ModelInfo.Preprocessing MOBILENET_PREPROCESSING =
            new ModelInfo.Preprocessing(false, ModelInfo.Preprocessing.MINUS_ONE_TO_ONE, "stretch", false, false);

    public Backbone {
        if (!FAMILIES.contains(family)) {
            throw new UserException("Unknown backbone '" + family + "'; choose one of: " + String.join(", ", FAMILIES) + ".");
        }
        if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
            throw new UserException("Width multiplier " + widthMultiplier + " is out of range; use a value in (0, 4], e.g. 0.25, 0.5, 1.0.");
        }
        if (family.startsWith("mobilenet") && (inputSize < 28 || inputSize > 1024)) {
            throw new UserException("Input size " + inputSize + " is out of range; use 28 to 1024 pixels, e.g. 28 (Fashion-MNIST), 128 or 224.");
        }
    }

    /** "mobilenetv2", "mobilenetv1-0.25-128" (family, width multiplier, input size) or "fashion-cnn". */
    public static Backbone parse(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        if (s.equals("seed-cnn") || s.equals("fashion-cnn")) {
            return new Backbone(s, 1.0, 28);
        }
        String[] parts = s.split("-");
        if (parts.length != 1 && parts.length != 3) {
            throw new UserException("Backbone '" + id + "' is not a name like mobilenetv2 or mobilenetv1-0.25-128.");
        }
        if (parts.length == 1) {
            return new Backbone(parts[0], 1.0, 224);
        }
        try {
            return new Backbone(parts[0], Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new UserException("Backbone '" + id + "' is not a name like mobilenetv2 or mobilenetv1-0.25-128.");
        }
    }

    public boolean isMobileNet() {
        return family.startsWith("mobilenet");
    }

    /** The vertex feeding the MobileNet's last block: freezing up to it fine-tunes that block and the head. */
    public String lastBlockInput() {
        return switch (family) {
            case MOBILENET_V1 -> "block11_pw_relu6";
            case MOBILENET_V2 -> "block15_add";
            default -> throw new UserException(family + " has no blocks to fine-tune; use freeze-up-to all.");
        };
    }

    /** The id model.json records; parse(id()) gives this backbone back. */
    public String id() {
        if (!isMobileNet()) {
            return family;
        }
        return family + "-" + widthMultiplier + "-" + inputSize; // Double.toString: 0.25, 1.0
    }

    public ModelInfo.Input input() {
        return isMobileNet() ? new ModelInfo.Input(inputSize, inputSize, 3) : new ModelInfo.Input(28, 28, 1);
    }

    public ModelInfo.Preprocessing preprocessing() {
        return isMobileNet() ? MOBILENET_PREPROCESSING : ModelInfo.Preprocessing.FASHION_MNIST;
    }

    /** The MobileNet configuration for RGB photos; the same for random and imported weights. */
    public ComputationGraphConfiguration graphConfiguration(int numClasses, long seed) {
        return graphConfiguration(3, numClasses, seed);
    }

    private ComputationGraphConfiguration graphConfiguration(int channels, int numClasses, long seed) {
        return switch (family) {
            case MOBILENET_V1 -> MobileNetV1.configuration(inputSize, channels, numClasses, widthMultiplier, seed);
            case MOBILENET_V2 -> MobileNetV2.configuration(inputSize, channels, numClasses, widthMultiplier, seed);
            default -> throw new IllegalArgumentException(family + " is not a graph backbone");
        };
    }

    /**
     * A random network for 28x28 grayscale Fashion-MNIST images: the compact CNNs, or a MobileNet built for
     * one input channel (its input size must then be 28, e.g. mobilenetv1-0.25-28).
     */
    public Model buildGrayscale(int numClasses, double learningRate, long seed) {
        if (!isMobileNet()) {
            MultiLayerNetwork net = new MultiLayerNetwork(Architecture.byName(family)
                    .configuration(28, 28, 1, numClasses, learningRate, seed));
            net.init();
            OneDnnHelpers.attach(net);
            return net;
        }
        if (inputSize != 28) {
            throw new UserException("Fashion-MNIST images are 28x28, so a MobileNet for them needs input size 28, e.g. "
                    + family + "-" + widthMultiplier + "-28 instead of " + id() + ".");
        }
        ComputationGraph graph = initialised(new ComputationGraph(graphConfiguration(1, numClasses, seed)));
        graph.setLearningRate(learningRate);
        return graph;
    }

    /** A freshly initialised (random) network; the MobileNets are ComputationGraphs, the CNNs MultiLayerNetworks. */
    public Model build(int numClasses, long seed) {
        return switch (family) {
            case MOBILENET_V1, MOBILENET_V2 -> initialised(new ComputationGraph(graphConfiguration(numClasses, seed)));
            default -> buildGrayscale(numClasses, 1e-3, seed);
        };
    }

    /** The MobileNet graph, random weights. */
    public ComputationGraph buildGraph(int numClasses, long seed) {
        if (!isMobileNet()) {
            throw new IllegalArgumentException(family + " is not a graph backbone");
        }
        return (ComputationGraph) build(numClasses, seed);
    }

    private static ComputationGraph initialised(ComputationGraph graph) {
        graph.init();
        OneDnnHelpers.attach(graph);
        return graph;
    }
}
