package org.vestis.model.zoo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

class MobileNetV1Test {
    @Test
    void hasTheReferenceParameterCounts() {
        // Keras' MobileNet(alpha=0.25, 128x128, 1000 classes) reports 475,544 parameters, alpha 1.0: 4,253,864
        // (batch-norm statistics included, as DL4J counts them; Keras' classifier is a 1x1 conv with bias).
        ComputationGraph small = new ComputationGraph(MobileNetV1.configuration(128, 3, 1000, 0.25, 1));
        small.init();
        assertThat(small.numParams()).isEqualTo(475_544L);
        ComputationGraph full = new ComputationGraph(MobileNetV1.configuration(224, 3, 1000, 1.0, 1));
        full.init();
        assertThat(full.numParams()).isEqualTo(4_253_864L);
    }

    @Test
    void runsForward() {
        ComputationGraph net = new ComputationGraph(MobileNetV1.configuration(128, 3, 5, 0.25, 1));
        net.init();
        INDArray out = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 3, 128, 128));
        assertThat(out.shape()).containsExactly(2, 5);
        assertThat(out.sum(1).getDouble(0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void channelsAreTruncatedAsInKeras() {
        assertThat(MobileNetV1.channels(32, 0.25)).isEqualTo(8);
        assertThat(MobileNetV1.channels(1024, 0.25)).isEqualTo(256);
        assertThat(MobileNetV1.channels(64, 0.75)).isEqualTo(48);
    }
}
