package org.vestis.nn.dnnl;

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
import org.vestis.model.zoo.Architecture;

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
        DnnlHelpers.attach(fast);
        assertThat(helper(fast, 0)).isInstanceOf(DnnlConvolution.class);
        assertThat(helper(fast, 1)).isInstanceOf(DnnlConvolution.class);

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, channels, size, size).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 5, 4);
        assertThat(DnnlHelpersTest.maxRelativeDifference(stock.output(x), fast.output(x))).isLessThan(1e-5);

        Map<String, INDArray> g1 = DnnlHelpersTest.gradients(stock, x, y);
        Map<String, INDArray> g2 = DnnlHelpersTest.gradients(fast, x, y);
        assertThat(g2.keySet()).isEqualTo(g1.keySet());
        for (String key : g1.keySet()) {
            assertThat(DnnlHelpersTest.maxRelativeDifference(g1.get(key), g2.get(key))).as(key).isLessThan(1e-4);
        }
    }

    @org.junit.jupiter.api.Test
    void onlyTheFirstLayerOfANetworkLeavesOutTheInputGradient() throws Exception {
        MultiLayerNetwork net = network(1, ConvolutionMode.Same, 0, true, 3, 9);
        DnnlHelpers.attach(net);
        assertThat(((DnnlConvolution) helper(net, 0)).skipsInputGradient()).isTrue();
        assertThat(((DnnlConvolution) helper(net, 1)).skipsInputGradient()).isFalse();

        // Dropout on the first layer scales its input gradient in place, so that layer computes it.
        MultiLayerNetwork withDropout = network(1, ConvolutionMode.Same, 0, true, 3, 9);
        withDropout.getLayer(0).conf().getLayer().setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(0.8));
        DnnlHelpers.attach(withDropout);
        assertThat(((DnnlConvolution) helper(withDropout, 0)).skipsInputGradient()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void leavingOutTheInputGradientChangesNoOtherGradient() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 9, 9);
        INDArray w = Nd4j.rand(DataType.FLOAT, 6, 3, 3, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 6);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 2, 6, 9, 9);
        INDArray[] withInput = backprop(new DnnlConvolution(DataType.FLOAT, false, false), x, w, b, delta);
        INDArray[] without = backprop(new DnnlConvolution(DataType.FLOAT, true, false), x, w, b, delta);
        assertThat(withInput[2]).isNotNull();
        assertThat(without[2]).isNull();
        assertThat(without[0]).isEqualTo(withInput[0]);
        assertThat(without[1]).isEqualTo(withInput[1]);
    }

    @org.junit.jupiter.api.Test
    void channelLastStorageChangesNoValue() {
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 9, 9);
        INDArray w = Nd4j.rand(DataType.FLOAT, 6, 3, 3, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 6);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 2, 6, 9, 9);
        DnnlConvolution rowMajor = new DnnlConvolution(DataType.FLOAT, false, false);
        DnnlConvolution channelLast = new DnnlConvolution(DataType.FLOAT, false, true);

        INDArray y1 = forward(rowMajor, x, w, b);
        INDArray y2 = forward(channelLast, NhwcArraysTest.channelLast(x), w, b);
        assertThat(NhwcArrays.permuted(y2)).isTrue();
        assertThat(DnnlHelpersTest.maxRelativeDifference(y1, y2)).isLessThan(1e-6);

        INDArray[] g1 = backprop(rowMajor, x, w, b, delta);
        INDArray[] g2 = backprop(channelLast, NhwcArraysTest.channelLast(x), w, b, NhwcArraysTest.channelLast(delta));
        assertThat(NhwcArrays.permuted(g2[2])).as("input gradient stored as the input is").isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(DnnlHelpersTest.maxRelativeDifference(g1[i], g2[i])).isLessThan(1e-5);
        }
    }

    @org.junit.jupiter.api.Test
    void convolutionsStoreChannelLastOnlyForOurOwnLayers() throws Exception {
        MultiLayerNetwork fashion = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 1));
        fashion.init();
        DnnlHelpers.attach(fashion);
        for (int i = 0; i < fashion.getnLayers(); i++) {
            if (fashion.getLayer(i) instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) {
                assertThat(((DnnlConvolution) helper(fashion, i)).channelsLast()).as("layer " + i).isTrue();
            }
        }
        // Before DL4J's own pooling layer the output stays row-major.
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork stockPooling = new MultiLayerNetwork(conf);
        stockPooling.init();
        DnnlHelpers.attach(stockPooling);
        assertThat(((DnnlConvolution) helper(stockPooling, 0)).channelsLast()).isFalse();
    }

    private static INDArray forward(DnnlConvolution helper, INDArray x, INDArray w, INDArray b) {
        return helper.preOutput(x, w, b, new int[]{3, 3}, new int[]{1, 1}, new int[]{0, 0}, null, null, ConvolutionMode.Same,
                new int[]{1, 1}, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
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
