package org.vestis.model.zoo;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.vestis.UserException;
import org.vestis.model.ModelInfo;
import org.vestis.nn.dnnl.DnnlHelpers;

import java.util.List;
import java.util.Locale;

/**
 * Every network Vestis can build, by name: the compact Fashion-MNIST CNNs ({@link Architecture}), the
 * MobileNets with their width multiplier and input size, and the DL4J zoo's ResNet50 and VGG16 ({@link ZooNetworks}). A backbone's id ("mobilenetv1-0.25-128") is what
 * model.json records, and {@link #parse} turns it back into the identical configuration, so that a random
 * and a pretrained model of one backbone differ in their weights only.
 */
public record Backbone(String family, double widthMultiplier, int inputSize) {
    public static final String MOBILENET_V1 = "mobilenetv1";
    public static final String MOBILENET_V2 = "mobilenetv2";
    public static final List<String> FAMILIES = List.of("seed-cnn", "fashion-cnn", MOBILENET_V1, MOBILENET_V2,
            ZooNetworks.RESNET50, ZooNetworks.VGG16_NAME);

    /** MobileNet inputs: RGB scaled to [-1,1], the photo stretched to the square input (as TensorFlow Lite's examples do). */
    public static final ModelInfo.Preprocessing MOBILENET_PREPROCESSING =
            new ModelInfo.Preprocessing(false, ModelInfo.Preprocessing.MINUS_ONE_TO_ONE, "stretch", false, false);
    /** Zoo ResNet50/VGG16 inputs: BGR, 0-255 minus the ImageNet mean, stretched to 224x224 (as DL4J's image loaders do). */
    public static final ModelInfo.Preprocessing ZOO_PREPROCESSING =
            new ModelInfo.Preprocessing(false, ModelInfo.Preprocessing.IMAGENET_CAFFE_BGR, "stretch", false, false);

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
        if (ZooNetworks.isZoo(family) && (inputSize != ZooNetworks.INPUT_SIZE || widthMultiplier != 1.0)) {
            throw new UserException(family + " comes in one size (224x224 inputs, width 1.0); write just '" + family + "'.");
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

    private boolean isMobileNet() {
        return family.startsWith("mobilenet");
    }

    /** ResNet50 or VGG16 from the DL4J zoo. */
    public boolean isZoo() {
        return ZooNetworks.isZoo(family);
    }

    /** The ComputationGraph backbones: the MobileNets and the zoo networks (the photo backbones). */
    public boolean isGraph() {
        return isMobileNet() || isZoo();
    }

    /** The output layer of the graph, the head replaced for each dataset's classes. */
    public String headName() {
        return isZoo() ? ZooNetworks.head(family) : "output";
    }

    /** The vertex right below the head ("freeze everything": only the new head trains). */
    public String belowHead() {
        return isZoo() ? ZooNetworks.belowHead(family) : "pool";
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
        return isGraph() ? new ModelInfo.Input(inputSize, inputSize, 3) : new ModelInfo.Input(28, 28, 1);
    }

    public ModelInfo.Preprocessing preprocessing() {
        return isZoo() ? ZOO_PREPROCESSING : isMobileNet() ? MOBILENET_PREPROCESSING : ModelInfo.Preprocessing.FASHION_MNIST;
    }

    /** The graph configuration (MobileNet or zoo network); the same for random and pretrained weights. */
    public ComputationGraphConfiguration graphConfiguration(int numClasses, long seed) {
        return graphConfiguration(3, numClasses, seed);
    }

    private ComputationGraphConfiguration graphConfiguration(int channels, int numClasses, long seed) {
        return switch (family) {
            case MOBILENET_V1 -> MobileNetV1.configuration(inputSize, channels, numClasses, widthMultiplier, seed);
            case MOBILENET_V2 -> MobileNetV2.configuration(inputSize, channels, numClasses, widthMultiplier, seed);
            case ZooNetworks.RESNET50, ZooNetworks.VGG16_NAME -> ZooNetworks.configuration(family, numClasses, seed);
            default -> throw new IllegalArgumentException(family + " is not a graph backbone");
        };
    }

    /**
     * A random network for 28x28 grayscale Fashion-MNIST images: the compact CNNs, or a MobileNet built for
     * one input channel (its input size must then be 28, e.g. mobilenetv1-0.25-28).
     */
    public Model buildGrayscale(int numClasses, double learningRate, long seed) {
        requireFashionMnistInput();
        if (!isMobileNet()) {
            MultiLayerNetwork net = new MultiLayerNetwork(Architecture.byName(family)
                    .configuration(28, 28, 1, numClasses, learningRate, seed));
            net.init();
            DnnlHelpers.attach(net);
            return net;
        }
        ComputationGraph graph = initialised(new ComputationGraph(graphConfiguration(1, numClasses, seed)));
        graph.setLearningRate(learningRate);
        return graph;
    }

    /** Refuses a backbone that cannot take 28x28 grayscale images: the zoo networks, and MobileNets of another input size. */
    public void requireFashionMnistInput() {
        if (isZoo()) {
            throw new UserException(family + " takes 224x224 colour photos, not Fashion-MNIST; train it on photos with --images DIR.");
        }
        if (isMobileNet() && inputSize != 28) {
            throw new UserException("Fashion-MNIST images are 28x28, so a MobileNet for them needs input size 28, e.g. "
                    + family + "-" + widthMultiplier + "-28 instead of " + id() + ".");
        }
    }

    /** A freshly initialised (random) network; the photo backbones are ComputationGraphs, the CNNs MultiLayerNetworks. */
    public Model build(int numClasses, long seed) {
        return switch (family) {
            case MOBILENET_V1, MOBILENET_V2, ZooNetworks.RESNET50, ZooNetworks.VGG16_NAME -> initialised(new ComputationGraph(graphConfiguration(numClasses, seed)));
            default -> buildGrayscale(numClasses, 1e-3, seed);
        };
    }

    /** The photo backbone's graph, random weights. */
    public ComputationGraph buildGraph(int numClasses, long seed) {
        if (!isGraph()) {
            throw new IllegalArgumentException(family + " is not a graph backbone");
        }
        return (ComputationGraph) build(numClasses, seed);
    }

    private static ComputationGraph initialised(ComputationGraph graph) {
        graph.init();
        DnnlHelpers.attach(graph);
        return graph;
    }
}
