package org.vestis.model.zoo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

class MobileNetV2Test {
    @Test
    void hasTheReferenceShapeAndParameterCount() {
        ComputationGraph net = new ComputationGraph(MobileNetV2.configuration(224, 3, 1000, 1.0, 1));
        net.init();
        // Keras' MobileNetV2(alpha=1.0) reports 3,538,984 parameters (batch-norm statistics included, as DL4J counts them).
        assertThat(net.numParams()).isEqualTo(3_538_984L);
        assertThat(net.getVertices()).hasSizeGreaterThan(100);
        INDArray out = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224));
        assertThat(out.shape()).containsExactly(1, 1000);
    }

    @Test
    void widthMultiplierRoundsChannelsToMultiplesOfEight() {
        assertThat(MobileNetV2.divisible(32 * 0.35)).isEqualTo(16);
        assertThat(MobileNetV2.divisible(16 * 0.5)).isEqualTo(8);
        assertThat(MobileNetV2.divisible(24 * 1.0)).isEqualTo(24);
        assertThat(MobileNetV2.divisible(96 * 0.75)).isEqualTo(72);
    }
}
