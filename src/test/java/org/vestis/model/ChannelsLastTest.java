package org.vestis.model;

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
        ComputationGraph folded = BatchNormFolding.fold(net);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);

        ComputationGraph nhwc = ChannelsLast.convert(folded);

        assertThat(nhwc).isNotSameAs(folded);
        assertClose(ModelBundle.output(net, x), ModelBundle.output(nhwc, x));
    }

    @Test
    void mobileNetV2GivesTheSameOutputsChannelsLast() {
        ComputationGraph graph = new ComputationGraph(MobileNetV2.configuration(64, 6, 0.35, 9));
        graph.init();
        ComputationGraph folded = BatchNormFolding.fold(graph);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64);

        ComputationGraph nhwc = ChannelsLast.convert(folded);

        assertThat(nhwc).isNotSameAs(folded);
        assertClose(ModelBundle.output(graph, x), ModelBundle.output(nhwc, x));
    }

    @Test
    void aNetworkWithBatchNormsLeftIsReturnedAsItIs() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 8));
        net.init();
        ComputationGraph unfolded = net.toComputationGraph();

        assertThat(ChannelsLast.convert(unfolded)).isSameAs(unfolded);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double maxDiff = expected.sub(actual).amaxNumber().doubleValue();
        assertThat(maxDiff).as("largest probability difference").isLessThan(1e-4);
    }
}
