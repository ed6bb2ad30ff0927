package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vestis.nn.dnnl.DnnlHelpersTest.cyclicLabels;
import static org.vestis.nn.dnnl.DnnlHelpersTest.gradients;
import static org.vestis.nn.dnnl.DnnlHelpersTest.maxRelativeDifference;

/**
 * oneDNN 3's max pooling in training gives DL4J's outputs and gradients, padded (SAME on an odd size) or not, on
 * row-major input and on the channel-last input of a convolution with helpers attached (in inference too).
 */
class DnnlMaxPoolTest {

    @ParameterizedTest
    @CsvSource({"Same, false", "Truncate, false", "Same, true", "Truncate, true"})
    void matchesDl4jsMaxPooling(ConvolutionMode mode, boolean channelLastInput) {
        MultiLayerNetwork stock = network(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), mode);
        MultiLayerNetwork ours = network(DnnlMaxPool.of(2), mode);
        ours.setParams(stock.params());
        if (channelLastInput) {
            DnnlHelpers.attach(ours);
        }
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 7, 7).subi(0.5);
        INDArray y = cyclicLabels(4, 3);

        assertThat(ours.getLayer(1)).isInstanceOf(DnnlMaxPool.Layer.class);
        assertThat(NhwcArrays.permuted(ours.feedForwardToLayer(0, x, true).get(1))).isEqualTo(channelLastInput);
        INDArray pooled = ours.feedForwardToLayer(1, x, true).get(2);
        assertThat(pooled.shape()).isEqualTo(mode == ConvolutionMode.Same ? new long[]{4, 6, 4, 4} : new long[]{4, 6, 3, 3});
        assertThat(pooled).isEqualTo(stock.feedForwardToLayer(1, x, true).get(2));
        Map<String, INDArray> expected = gradients(stock, x, y);
        Map<String, INDArray> actual = gradients(ours, x, y);
        for (String key : expected.keySet()) {
            assertThat(maxRelativeDifference(expected.get(key), actual.get(key))).as(key).isLessThan(1e-5);
        }
        assertThat(maxRelativeDifference(stock.output(x), ours.output(x))).isLessThan(1e-5);
    }

    private static MultiLayerNetwork network(Layer pooling, ConvolutionMode mode) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).updater(new Sgd(0.1)).convolutionMode(mode).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(pooling)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(7, 7, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
