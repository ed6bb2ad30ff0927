package org.vestis.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.model.zoo.Backbone;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Calibration keeps what a pretrained network computes, and makes training-mode batch norm compute the same. */
class BatchNormCalibrationTest {
    @Test
    void inferenceIsUnchangedAndTrainingModeMatchesIt() {
        ComputationGraph graph = Backbone.parse("mobilenetv1-0.25-32").buildGraph(5, 1);
        Nd4j.getRandom().setSeed(11);
        // Stored statistics unlike the data's, as after a TensorFlow Lite import (mean 0, variance 1, bias in beta).
        for (Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                Map<String, INDArray> p = layer.paramTable();
                layer.setParam("beta", Nd4j.rand(DataType.FLOAT, p.get("beta").shape()).subi(0.5));
                layer.setParam("gamma", Nd4j.rand(DataType.FLOAT, p.get("gamma").shape()).addi(0.5));
            }
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 3, 32, 32).muli(2).subi(1);
        INDArray before = graph.outputSingle(false, x).dup();
        double gapBefore = graph.outputSingle(true, x).sub(before).amaxNumber().doubleValue();

        int calibrated = BatchNormCalibration.calibrate(graph, x);

        assertThat(calibrated).isEqualTo(27); // stem + 13 x (depthwise, pointwise)
        INDArray after = graph.outputSingle(false, x);
        assertThat(after.sub(before).amaxNumber().doubleValue()).isLessThan(1e-4);
        // The batch is the calibration sample, so batch statistics equal the stored ones.
        double gapAfter = graph.outputSingle(true, x).sub(before).amaxNumber().doubleValue();
        assertThat(gapAfter).isLessThan(1e-3);
        assertThat(gapBefore).isGreaterThan(100 * gapAfter);
    }
}
