package org.vestis.nn.inference;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vestis.model.ModelBundle;
import org.vestis.model.zoo.Architecture;
import org.vestis.model.zoo.MobileNetV2;
import org.vestis.nn.dnnl.DnnlHelpers;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inference copy's oneDNN plans compute what the network as trained computes, for every layer kind our
 * networks use, at batch 1 and at larger batches, and step aside for networks they do not handle.
 */
class DnnlInferenceGraphTest {

    @ParameterizedTest
    @ValueSource(strings = {"seed-cnn", "fashion-cnn"})
    void theFashionMnistCnnsRunPlannedWithTheTrainedNetworksOutputs(String architecture) {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.byName(architecture).configuration(28, 28, 1, 10, 1e-3, 3));
        net.init();
        assertPlannedLikeTheOriginal(net, 1, 28, 28, 1);
        assertPlannedLikeTheOriginal(net, 1, 28, 28, 7);
    }

    @Test
    void mobileNetV2RunsPlannedWithItsResidualAdditionsAndGlobalPooling() {
        ComputationGraph graph = new ComputationGraph(MobileNetV2.configuration(64, 3, 6, 0.35, 9));
        graph.init();
        assertPlannedLikeTheOriginal(graph, 3, 64, 64, 1);
        assertPlannedLikeTheOriginal(graph, 3, 64, 64, 4);
    }

    @Test
    void stridesTruncatedWindowsDepthwiseMultipliersAveragePoolingActivationLayersAndDenseWithoutBiasRunPlanned() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).hasBias(false)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU6).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.SIGMOID).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG, new int[]{2, 2}, new int[]{1, 1}).convolutionMode(ConvolutionMode.Same).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(4).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(15, 17, 2))
                .build());
        net.init();
        assertPlannedLikeTheOriginal(net, 2, 15, 17, 1);
        assertPlannedLikeTheOriginal(net, 2, 15, 17, 3);
    }

    @Test
    void eachInputShapeGetsItsOwnPlanAndRepeatedCallsGiveTheSameOutputs() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 4));
        net.init();
        ComputationGraph copy = (ComputationGraph) ModelBundle.inferenceCopy(net);
        INDArray one = Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28);
        INDArray two = Nd4j.concat(0, one, Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28));

        INDArray first = ModelBundle.output(copy, one);
        INDArray pair = ModelBundle.output(copy, two);
        INDArray again = ModelBundle.output(copy, one);

        assertThat(again).isEqualTo(first);
        assertThat(pair.getRow(0).sub(first.getRow(0)).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(((DnnlInferenceGraph) copy).planned()).isTrue();
    }

    @Test
    void aNetworkWithALayerThePlanDoesNotHandleRunsOnDl4jWithTheSameOutputs() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(6).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(12, 12, 3))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addVertex("product", new ElementWiseVertex(ElementWiseVertex.Op.Product), "a", "b")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "product")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        graph.init();
        ComputationGraph copy = (ComputationGraph) ModelBundle.inferenceCopy(graph);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 12);

        INDArray actual = ModelBundle.output(copy, x);

        assertThat(copy).isInstanceOf(DnnlInferenceGraph.class);
        assertThat(((DnnlInferenceGraph) copy).planned()).isFalse();
        assertThat(ModelBundle.output(graph, x).sub(actual).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void theDnnlSwitchKeepsEveryCallOnDl4jsPath() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 5));
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        String before = System.getProperty(DnnlHelpers.DNNL_PROPERTY);
        ComputationGraph copy;
        try {
            System.setProperty(DnnlHelpers.DNNL_PROPERTY, "false");
            copy = (ComputationGraph) ModelBundle.inferenceCopy(net);
        } finally {
            if (before == null) {
                System.clearProperty(DnnlHelpers.DNNL_PROPERTY);
            } else {
                System.setProperty(DnnlHelpers.DNNL_PROPERTY, before);
            }
        }

        INDArray actual = ModelBundle.output(copy, x);

        assertThat(((DnnlInferenceGraph) copy).planned()).isFalse();
        assertThat(ModelBundle.output(net, x).sub(actual).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void everyCommittedBundleRunsPlannedWithItsOwnOutputs() throws Exception {
        try (var dirs = Files.list(Path.of("models"))) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("model.json"))).sorted().toList()) {
                ModelBundle bundle = ModelBundle.load(dir);
                var in = bundle.info().input();
                INDArray x = Nd4j.rand(DataType.FLOAT, 2, in.channels(), in.height(), in.width());
                ModelBundle copy = bundle.forInference();

                INDArray actual = ModelBundle.output(copy.model(), x);

                assertThat(copy.model()).as(dir.toString()).isInstanceOf(DnnlInferenceGraph.class);
                assertThat(((DnnlInferenceGraph) copy.model()).planned()).as(dir + " planned").isTrue();
                assertThat(ModelBundle.output(bundle.model(), x).sub(actual).amaxNumber().doubleValue())
                        .as(dir + ": largest probability difference").isLessThan(1e-4);
            }
        }
    }

    private static void assertPlannedLikeTheOriginal(Model original, int channels, int height, int width, int batch) {
        ComputationGraph copy = (ComputationGraph) ModelBundle.inferenceCopy(original);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, channels, height, width);

        INDArray actual = ModelBundle.output(copy, x);

        assertThat(copy).isInstanceOf(DnnlInferenceGraph.class);
        assertThat(((DnnlInferenceGraph) copy).planned()).as("ran through a oneDNN plan").isTrue();
        INDArray expected = ModelBundle.output(original, x);
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(expected.sub(actual).amaxNumber().doubleValue()).as("largest output difference").isLessThan(1e-4);
    }
}
