package org.vestis.nn.inference;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.model.ModelBundle;
import org.vestis.model.zoo.Architecture;
import org.vestis.model.zoo.MobileNetV2;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatchNormFoldingTest {

    @Test
    void foldedFashionCnnComputesTheSameClassProbabilitiesWithoutBatchNorms() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 3));
        net.init();
        randomiseBatchNorms(net.getLayers());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);

        ComputationGraph folded = BatchNormFolding.fold(net);

        assertSameOutputs(net, folded, x);
        assertThat(batchNorms(folded.getLayers())).isZero();
        // Every batch norm in fashion-cnn follows a convolution or the dense layer and carries its ReLU
        // (BatchNormRelu): the convolution takes over the ReLU.
        long batchNorms = batchNorms(net.getLayers());
        assertThat(batchNorms).isGreaterThan(0);
        assertThat(folded.getLayers()).hasSize((int) (net.getLayers().length - batchNorms));
    }

    @Test
    void foldedMobileNetV2KeepsItsResidualConnectionsAndOutputs() {
        ComputationGraph graph = new ComputationGraph(MobileNetV2.configuration(64, 3, 5, 0.35, 7));
        graph.init();
        randomiseBatchNorms(graph.getLayers());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64);

        ComputationGraph folded = BatchNormFolding.fold(graph);

        assertSameOutputs(graph, folded, x);
        assertThat(batchNorms(folded.getLayers())).isZero();
        assertThat(folded.getConfiguration().getVertices().keySet()).as("residual additions stay")
                .anyMatch(name -> name.endsWith("_add"));
    }

    @Test
    void observedVerticesKeepTheirOutputs() {
        ComputationGraph graph = new ComputationGraph(MobileNetV2.configuration(64, 3, 5, 0.35, 7));
        graph.init();
        randomiseBatchNorms(graph.getLayers());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64);
        // An activation after a batch norm, a batch norm itself, and a convolution before one.
        for (String observed : List.of("block2_dw_relu6", "block3_project_bn", "block4_expand")) {
            ComputationGraph folded = BatchNormFolding.fold(graph, Set.of(observed));

            INDArray expected = graph.output(List.of(observed), false, new INDArray[]{x}, null)[0];
            INDArray actual = folded.output(List.of(observed), false, new INDArray[]{x}, null)[0];

            assertThat(expected.sub(actual).amaxNumber().doubleValue()).as(observed).isLessThan(1e-4);
            assertThat(batchNorms(folded.getLayers())).as("%s: all other batch norms fold", observed).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theSourceNetworkIsLeftAsItWas() {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 4));
        net.init();
        INDArray before = net.params().dup();
        int layers = net.getLayers().length;

        BatchNormFolding.fold(net);

        assertThat(net.params()).isEqualTo(before);
        assertThat(net.getLayers()).hasSize(layers);
    }

    private static void assertSameOutputs(Model original, ComputationGraph folded, INDArray x) {
        INDArray expected = ModelBundle.output(original, x);
        INDArray actual = ModelBundle.output(folded, x);
        double maxDiff = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(expected.sub(actual))).getDouble(0);
        assertThat(maxDiff).as("largest probability difference").isLessThan(1e-4);
        // The probabilities must not be trivially flat, or the comparison would prove little.
        assertThat(expected.maxNumber().doubleValue()).isGreaterThan(1.5 / expected.size(1));
    }

    /** Statistics and scales far from the identity, so that a wrong fold shows in the outputs. */
    private static void randomiseBatchNorms(Layer[] layers) {
        Nd4j.getRandom().setSeed(11);
        for (Layer layer : layers) {
            if (!(layer.conf().getLayer() instanceof BatchNormalization)) {
                continue;
            }
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                INDArray r = Nd4j.rand(DataType.FLOAT, p.getValue().shape());
                INDArray value = switch (p.getKey()) {
                    case "mean" -> r.subi(0.5).muli(0.4);
                    case "var" -> r.addi(0.5);
                    case "log10stdev" -> r.subi(0.5).muli(0.3);
                    case "gamma" -> r.addi(0.5);
                    default -> r.subi(0.5); // beta
                };
                layer.setParam(p.getKey(), value);
            }
        }
    }

    private static long batchNorms(Layer[] layers) {
        return Arrays.stream(layers).filter(l -> l.conf().getLayer() instanceof BatchNormalization).count();
    }
}
