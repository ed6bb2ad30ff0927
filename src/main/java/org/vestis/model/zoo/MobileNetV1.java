package org.vestis.model.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * MobileNet v1 (Howard et al. 2017) built from DL4J layers, as DL4J's zoo has none: a 3x3 stride-2 stem, 13
 * depthwise-separable blocks (3x3 depthwise + BN + ReLU6, 1x1 pointwise + BN + ReLU6), global average pooling
 * and a softmax head. Channels are the paper's times the width multiplier alpha, truncated as in Keras and
 * TensorFlow's slim code (alpha 0.25: 8, 16, 32, ... 256). TensorFlow's "same" padding.
 */
public final class MobileNetV1 {
    /** Pointwise output channels and depthwise stride of the 13 blocks (the paper's Table 1). */
    private static final int[][] BLOCKS = {
            {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
            {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

    private MobileNetV1() {
    }

    /** {@code inputChannels} 3 for RGB (the ImageNet shape), 1 for grayscale data such as Fashion-MNIST. */
    public static ComputationGraphConfiguration configuration(int inputSize, int inputChannels, int numClasses, double widthMultiplier, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed).weightInit(WeightInit.RELU).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input");
        String last = MobileNetV2.convBn(g, "stem", "input", channels(32, widthMultiplier), 3, 2, true);
        for (int i = 0; i < BLOCKS.length; i++) {
            String name = "block" + i;
            g.addLayer(name + "_dw", new DepthwiseConvolution2D.Builder(3, 3).stride(BLOCKS[i][1], BLOCKS[i][1])
                    .depthMultiplier(1).hasBias(false).activation(Activation.IDENTITY).build(), last);
            last = MobileNetV2.bnAct(g, name + "_dw", name + "_dw", true);
            last = MobileNetV2.convBn(g, name + "_pw", last, channels(BLOCKS[i][0], widthMultiplier), 1, 1, true);
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses)
                .activation(Activation.SOFTMAX).build(), "pool");
        return g.setOutputs("output").setInputTypes(InputType.convolutional(inputSize, inputSize, inputChannels)).build();
    }

    static int channels(int base, double widthMultiplier) {
        return Math.max(1, (int) (base * widthMultiplier));
    }
}
