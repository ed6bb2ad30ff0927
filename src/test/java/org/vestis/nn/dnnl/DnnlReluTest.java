package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vestis.nn.dnnl.NhwcArraysTest.channelLast;

/** oneDNN's ReLU gradient is DL4J's, for whole arrays, channel-last arrays and the views it leaves to DL4J. */
class DnnlReluTest {

    @Test
    void gradientMatchesDl4jsRelu() {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.FLOAT, 4, 8, 5, 5).subi(0.5);
        z.putScalar(0, 0, 0, 0, 0f); // exactly zero: no gradient, as in DL4J
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 4, 8, 5, 5);

        INDArray expected = new ActivationReLU().backprop(z.dup(), epsilon).getFirst();
        INDArray actual = new DnnlRelu().backprop(z.dup(), epsilon).getFirst();

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.getFloat(0, 0, 0, 0)).isZero();
    }

    @Test
    void viewsAndForwardPassAreDl4jsOwn() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 6, 10).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 6, 10);
        INDArray zView = z.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7));
        INDArray epsView = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7));

        INDArray expected = new ActivationReLU().backprop(zView.dup(), epsView.dup()).getFirst();
        INDArray actual = new DnnlRelu().backprop(zView.dup('f'), epsView).getFirst();

        assertThat(actual).isEqualTo(expected);
        assertThat(new DnnlRelu().getActivation(z.dup(), true)).isEqualTo(new ActivationReLU().getActivation(z.dup(), true));
    }

    @Test
    void channelLastArraysGiveDl4jsResults() {
        Nd4j.getRandom().setSeed(4);
        INDArray z = Nd4j.rand(DataType.FLOAT, 3, 8, 4, 5).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 3, 8, 4, 5);
        INDArray zNhwc = channelLast(z);
        INDArray epsNhwc = channelLast(epsilon);

        assertThat(new DnnlRelu().getActivation(channelLast(z), true)).isEqualTo(new ActivationReLU().getActivation(z.dup(), true));
        INDArray expected = new ActivationReLU().backprop(z.dup(), epsilon).getFirst();
        assertThat(new DnnlRelu().backprop(zNhwc, epsNhwc).getFirst()).isEqualTo(expected);
        // Mixed layouts go to DL4J's code, with the same result.
        assertThat(new DnnlRelu().backprop(channelLast(z), epsilon).getFirst()).isEqualTo(expected);
    }

    @Test
    void survivesTheLayerConfigurationsJson() {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().layer(
                new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(3).nOut(2).activation(new DnnlRelu()).build()).build();

        NeuralNetConfiguration restored = NeuralNetConfiguration.fromJson(conf.toJson());

        assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) restored.getLayer()).getActivationFn()).isInstanceOf(DnnlRelu.class);
    }
}
