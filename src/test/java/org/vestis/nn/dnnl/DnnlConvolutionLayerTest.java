package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.reflect.Field;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vestis.nn.dnnl.DnnlHelpersTest.cyclicLabels;
import static org.vestis.nn.dnnl.DnnlHelpersTest.gradients;
import static org.vestis.nn.dnnl.DnnlHelpersTest.maxRelativeDifference;

/**
 * Backprop from the kept output gives what DL4J's layer gives from its copy of the pre-activation (ReLU and
 * identity, channel-last and not), over a few training steps, and the copy is no longer made.
 */
class DnnlConvolutionLayerTest {

    @Test
    void trainsAsDl4jsConvolutionWithoutCopyingThePreActivation() throws Exception {
        MultiLayerNetwork stock = network(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.IDENTITY).hasBias(false).build());
        MultiLayerNetwork ours = network(DnnlConvolutionLayer.of(3, 8, new DnnlRelu(), true),
                DnnlConvolutionLayer.of(3, 16, Activation.IDENTITY.getActivationFunction(), false));
        ours.setParams(stock.params());
        DnnlHelpers.attach(stock);
        DnnlHelpers.attach(ours);
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 2, 10, 10).subi(0.5);
        INDArray y = cyclicLabels(6, 3);

        Map<String, INDArray> expected = gradients(stock, x, y);
        Map<String, INDArray> actual = gradients(ours, x, y);
        for (String key : expected.keySet()) {
            assertThat(maxRelativeDifference(expected.get(key), actual.get(key))).as(key).isLessThan(1e-5);
        }
        assertThat(cachedPreActivation(stock)).isNotNull();
        assertThat(cachedPreActivation(ours)).isNull();

        for (int step = 0; step < 3; step++) {
            stock.fit(x, y);
            ours.fit(x, y);
        }
        assertThat(maxRelativeDifference(stock.params(), ours.params())).isLessThan(1e-4);
        assertThat(maxRelativeDifference(stock.output(x), ours.output(x))).isLessThan(1e-4);
    }

    private static Object cachedPreActivation(MultiLayerNetwork net) throws ReflectiveOperationException {
        Field f = org.deeplearning4j.nn.layers.AbstractLayer.class.getDeclaredField("preOutput");
        f.setAccessible(true);
        return f.get(net.getLayer(1));
    }

    private static MultiLayerNetwork network(Layer first, Layer second) {
        var conf = new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same).list()
                .layer(first)
                .layer(second)
                .layer(DnnlMaxPool.of(2))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
