package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vestis.nn.dnnl.DnnlHelpersTest.cyclicLabels;
import static org.vestis.nn.dnnl.DnnlHelpersTest.gradients;
import static org.vestis.nn.dnnl.DnnlHelpersTest.maxRelativeDifference;

/** oneDNN's matrix products in dense and output layers give DL4J's outputs and gradients. */
class DnnlDenseTest {

    @Test
    void matchesDl4jsDenseAndOutputLayers() {
        // A pooled feature map flattened into the dense layer (its input arrives as a view), then a dense layer
        // fed by another dense layer; with and without bias.
        MultiLayerNetwork stock = network(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(),
                new DenseLayer.Builder().nOut(7).hasBias(false).activation(Activation.TANH).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork ours = network(DnnlDense.of(12, new DnnlRelu()), noBias(DnnlDense.of(7, Activation.TANH.getActivationFunction())),
                DnnlOutput.softmax(4, 1.0));
        ours.setParams(stock.params());
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 7, 7).subi(0.5);
        INDArray y = cyclicLabels(6, 4);

        assertThat(maxRelativeDifference(stock.output(x, false), ours.output(x, false))).isLessThan(1e-5);
        Map<String, INDArray> expected = gradients(stock, x, y);
        Map<String, INDArray> actual = gradients(ours, x, y);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String key : expected.keySet()) {
            assertThat(maxRelativeDifference(expected.get(key), actual.get(key))).as(key).isLessThan(1e-4);
        }
        for (int step = 0; step < 3; step++) {
            stock.fit(x, y);
            ours.fit(x, y);
        }
        assertThat(maxRelativeDifference(stock.params(), ours.params())).isLessThan(1e-4);
    }

    @Test
    void productsOfViewsAndTransposesMatchNd4j() {
        Nd4j.getRandom().setSeed(8);
        INDArray wide = Nd4j.rand(DataType.FLOAT, 5, 16);
        INDArray a = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 11)); // 5x9, row stride 16
        INDArray b = Nd4j.rand(DataType.FLOAT, 9, 4).dup('f');
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 4);

        INDArray out = Nd4j.create(DataType.FLOAT, 5, 4);
        DnnlMatmul.multiply(a, false, b, false, bias, out);
        assertThat(maxRelativeDifference(a.mmul(b).addRowVector(bias), out)).isLessThan(1e-6);

        INDArray gradientLike = Nd4j.create(DataType.FLOAT, new long[]{9, 4}, 'f');
        INDArray delta = Nd4j.rand(DataType.FLOAT, 5, 4);
        DnnlMatmul.multiply(a, true, delta, false, null, gradientLike);
        assertThat(maxRelativeDifference(a.transpose().mmul(delta), gradientLike)).isLessThan(1e-6);

        INDArray back = Nd4j.create(DataType.FLOAT, 5, 9);
        DnnlMatmul.multiply(delta, false, b, true, null, back);
        assertThat(maxRelativeDifference(delta.mmul(b.transpose()), back)).isLessThan(1e-6);
    }

    private static DnnlDense noBias(DnnlDense layer) {
        layer.setHasBias(false);
        return layer;
    }

    private static MultiLayerNetwork network(Layer first, Layer second, Layer output) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).updater(new Sgd(0.1)).list()
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(first)
                .layer(second)
                .layer(output)
                .setInputType(InputType.convolutional(7, 7, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
