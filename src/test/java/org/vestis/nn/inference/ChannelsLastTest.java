package org.vestis.nn.inference;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import org.vestis.model.ModelBundle;
import org.vestis.model.zoo.Architecture;
import org.vestis.model.zoo.MobileNetV2;

class ChannelsLastTest {

    @Test
    void fashionCnnGivesTheSameOutputsChannelsLastIncludingTheDenseLayerAfterTheFlatten() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 8));
        net.init();
        assertSameOutputsChannelsLast(net, Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28));
    }

    @Test
    void mobileNetV2GivesTheSameOutputsChannelsLast() {
        ComputationGraph graph = new ComputationGraph(MobileNetV2.configuration(64, 3, 6, 0.35, 9));
        graph.init();
        assertSameOutputsChannelsLast(graph, Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64));
    }

    @Test
    void convolutionsWithoutBiasWithStridesAndWithoutPaddingAndDepthwiseWithMultiplierGiveTheSameOutputsChannelsLast() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).hasBias(false)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU6).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(4).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(15, 17, 2))
                .build());
        net.init();
        assertSameOutputsChannelsLast(net, Nd4j.rand(DataType.FLOAT, 3, 2, 15, 17));
    }

    @Test
    void aNetworkWithBatchNormsLeftIsReturnedAsItIs() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 8));
        net.init();
        ComputationGraph unfolded = net.toComputationGraph();

        assertThat(ChannelsLast.convert(unfolded)).isSameAs(unfolded);
    }

    private static void assertSameOutputsChannelsLast(Model original, INDArray x) {
        ComputationGraph folded = BatchNormFolding.fold(original);

        ComputationGraph nhwc = ChannelsLast.convert(folded);

        assertThat(nhwc).isNotSameAs(folded);
        assertThat(nhwc.getLayers()).as("DL4J's convolution, depthwise, dense and output layers all replaced by ours")
                .noneMatch(l -> l.getClass() == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class
                        || l.getClass() == org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class
                        || l.getClass() == org.deeplearning4j.nn.layers.OutputLayer.class
                        || l.getClass() == org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer.class)
                .anyMatch(l -> l instanceof ChannelsLastConvolution.Layer)
                .anyMatch(l -> l instanceof InferenceOutput.Layer);
        INDArray expected = ModelBundle.output(original, x);
        INDArray actual = ModelBundle.output(nhwc, x);
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(expected.sub(actual).amaxNumber().doubleValue()).as("largest probability difference").isLessThan(1e-4);
    }
}
