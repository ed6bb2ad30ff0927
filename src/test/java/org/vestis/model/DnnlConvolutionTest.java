package org.vestis.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.reflect.Field;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Convolutions through oneDNN 3 give DL4J's own results (forward, every gradient, the input gradient of the
 * second layer) for the shapes our networks use: strides 1 and 2, SAME padding that is larger at the bottom
 * right, no padding, a stride that leaves the last row out, explicit padding, with and without bias, odd
 * sizes, one and many input channels.
 */
class DnnlConvolutionTest {

    @ParameterizedTest
    @CsvSource({
            "1, Truncate, 0, true, 1, 13",
            "1, Same, 0, false, 3, 13",
            "2, Same, 0, true, 3, 13",
            "2, Same, 0, false, 16, 14",
            "2, Truncate, 1, true, 8, 11",
            "2, Truncate, 0, true, 4, 12",
            "1, Truncate, 1, false, 32, 9",
    })
    void matchesDl4jsOwnConvolution(int stride, ConvolutionMode mode, int padding, boolean bias, int channels, int size) throws Exception {
        MultiLayerNetwork stock = network(stride, mode, padding, bias, channels, size);
        MultiLayerNetwork fast = stock.clone();
        OneDnnHelpers.attach(fast);
        assertThat(helper(fast, 0)).isInstanceOf(DnnlConvolution.class);
        assertThat(helper(fast, 1)).isInstanceOf(DnnlConvolution.class);

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, channels, size, size).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 5, 4);
        assertThat(OneDnnHelpersTest.maxRelativeDifference(stock.output(x), fast.output(x))).isLessThan(1e-5);

        Map<String, INDArray> g1 = OneDnnHelpersTest.gradients(stock, x, y);
        Map<String, INDArray> g2 = OneDnnHelpersTest.gradients(fast, x, y);
        assertThat(g2.keySet()).isEqualTo(g1.keySet());
        for (String key : g1.keySet()) {
            assertThat(OneDnnHelpersTest.maxRelativeDifference(g1.get(key), g2.get(key))).as(key).isLessThan(1e-4);
        }
    }

    @org.junit.jupiter.api.Test
    void onlyTheFirstLayerOfANetworkLeavesOutTheInputGradient() throws Exception {
        MultiLayerNetwork net = network(1, ConvolutionMode.Same, 0, true, 3, 9);
        OneDnnHelpers.attach(net);
        assertThat(((DnnlConvolution) helper(net, 0)).skipsInputGradient()).isTrue();
        assertThat(((DnnlConvolution) helper(net, 1)).skipsInputGradient()).isFalse();

        // Dropout on the first layer scales its input gradient in place, so that layer computes it.
        MultiLayerNetwork withDropout = network(1, ConvolutionMode.Same, 0, true, 3, 9);
        withDropout.getLayer(0).conf().getLayer().setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(0.8));
        OneDnnHelpers.attach(withDropout);
        assertThat(((DnnlConvolution) helper(withDropout, 0)).skipsInputGradient()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void leavingOutTheInputGradientChangesNoOtherGradient() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 9, 9);
        INDArray w = Nd4j.rand(DataType.FLOAT, 6, 3, 3, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 6);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 2, 6, 9, 9);
        INDArray[] withInput = backprop(new DnnlConvolution(DataType.FLOAT, false), x, w, b, delta);
        INDArray[] without = backprop(new DnnlConvolution(DataType.FLOAT, true), x, w, b, delta);
        assertThat(withInput[2]).isNotNull();
        assertThat(without[2]).isNull();
        assertThat(without[0]).isEqualTo(withInput[0]);
        assertThat(without[1]).isEqualTo(withInput[1]);
    }

    /** Weight gradient, bias gradient and input gradient (null when left out). */
    private static INDArray[] backprop(DnnlConvolution helper, INDArray x, INDArray w, INDArray b, INDArray delta) {
        INDArray wGrad = Nd4j.create(DataType.FLOAT, w.shape());
        INDArray bGrad = Nd4j.create(DataType.FLOAT, b.shape());
        var result = helper.backpropGradient(x, w, b, delta, new int[]{3, 3}, new int[]{1, 1}, new int[]{0, 0}, bGrad, wGrad,
                Activation.IDENTITY.getActivationFunction(), null, null, null, ConvolutionMode.Same, new int[]{1, 1},
                org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[]{wGrad, bGrad, result.getSecond()};
    }

    private static MultiLayerNetwork network(int stride, ConvolutionMode mode, int padding, boolean bias, int channels, int size) {
        var conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.1)).convolutionMode(mode).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(padding, padding).nOut(6)
                        .hasBias(bias).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(padding, padding).nOut(5)
                        .hasBias(bias).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(4).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(size, size, channels))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Object helper(MultiLayerNetwork net, int layer) throws ReflectiveOperationException {
        Field f = org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class.getDeclaredField("helper");
        f.setAccessible(true);
        return f.get(net.getLayer(layer));
    }
}
