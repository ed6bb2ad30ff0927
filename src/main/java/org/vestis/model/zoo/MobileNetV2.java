package org.vestis.model.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * MobileNet v2 (Sandler et al. 2018) built from DL4J layers, as DL4J's zoo has none: a 3x3 stem, 17 inverted
 * residual blocks (1x1 expand, 3x3 depthwise, 1x1 linear projection, identity shortcut where shapes allow),
 * a 1x1 conv to 1280 channels, global average pooling and a softmax head. TensorFlow's "same" padding.
 */
public final class MobileNetV2 {
    /** expansion t, output channels c, repeats n, first stride s: the paper's Table 2. */
    private static final int[][] BLOCKS = {
            {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};

    private MobileNetV2() {
    }

    /** {@code inputChannels} 3 for RGB (the ImageNet shape), 1 for grayscale data such as Fashion-MNIST. */
    public static ComputationGraphConfiguration configuration(int inputSize, int inputChannels, int numClasses, double widthMultiplier, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed).weightInit(WeightInit.RELU).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input");
        int channels = divisible(32 * widthMultiplier);
        String last = convBn(g, "stem", "input", channels, 3, 2, true);
        int block = 0;
        for (int[] b : BLOCKS) {
            int out = divisible(b[1] * widthMultiplier);
            for (int i = 0; i < b[2]; i++) {
                last = invertedResidual(g, "block" + block++, last, channels, out, b[0], i == 0 ? b[3] : 1);
                channels = out;
            }
        }
        int head = widthMultiplier > 1.0 ? divisible(1280 * widthMultiplier) : 1280;
        last = convBn(g, "head", last, head, 1, 1, true);
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses)
                .activation(Activation.SOFTMAX).build(), "pool");
        return g.setOutputs("output").setInputTypes(InputType.convolutional(inputSize, inputSize, inputChannels)).build();
    }

    private static String invertedResidual(ComputationGraphConfiguration.GraphBuilder g, String name, String in,
                                           int inChannels, int outChannels, int expansion, int stride) {
        String x = in;
        if (expansion != 1) {
            x = convBn(g, name + "_expand", x, inChannels * expansion, 1, 1, true);
        }
        g.addLayer(name + "_dw", new DepthwiseConvolution2D.Builder(3, 3).stride(stride, stride).depthMultiplier(1)
                .hasBias(false).activation(Activation.IDENTITY).build(), x);
        x = bnAct(g, name + "_dw", name + "_dw", true);
        x = convBn(g, name + "_project", x, outChannels, 1, 1, false);
        if (stride == 1 && inChannels == outChannels) {
            g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), in, x);
            return name + "_add";
        }
        return x;
    }

    static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int out, int kernel, int stride, boolean relu6) {
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY).build(), in);
        return bnAct(g, name, name, relu6);
    }

    static String bnAct(ComputationGraphConfiguration.GraphBuilder g, String name, String in, boolean relu6) {
        g.addLayer(name + "_bn", new BatchNormalization.Builder().eps(1e-3).build(), in);
        if (!relu6) {
            return name + "_bn";
        }
        g.addLayer(name + "_relu6", new ActivationLayer.Builder().activation(Activation.RELU6).build(), name + "_bn");
        return name + "_relu6";
    }

    /** Channel counts rounded to multiples of 8, never below 90% of the unrounded value (as in the reference code). */
    static int divisible(double v) {
        int rounded = Math.max(8, (int) (v + 4) / 8 * 8);
        return rounded < 0.9 * v ? rounded + 8 : rounded;
    }
}
