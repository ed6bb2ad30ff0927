package org.vestis.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelsLastTest {

    @Test
    void fashionCnnGivesTheSameOutputsChannelsLastIncludingTheDenseLayerAfterTheFlatten() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 8));
        net.init();
        assertSameOutputsChannelsLast(net, Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28));
    }

    @Test
    void mobileNetV2GivesTheSameOutputsChannelsLast() {
        ComputationGraph graph = new ComputationGraph(MobileNetV2.configuration(64, 6, 0.35, 9));
        graph.init();
        assertSameOutputsChannelsLast(graph, Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64));
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
        INDArray expected = ModelBundle.output(original, x);
        INDArray actual = ModelBundle.output(nhwc, x);
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(expected.sub(actual).amaxNumber().doubleValue()).as("largest probability difference").isLessThan(1e-4);
    }
}
