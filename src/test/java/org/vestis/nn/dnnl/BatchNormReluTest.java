package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vestis.nn.dnnl.DnnlHelpersTest.cyclicLabels;
import static org.vestis.nn.dnnl.DnnlHelpersTest.gradients;
import static org.vestis.nn.dnnl.DnnlHelpersTest.maxRelativeDifference;

/** One BatchNormRelu layer computes what a batch norm followed by a ReLU activation layer computes. */
class BatchNormReluTest {

    @Test
    void matchesBatchNormThenReluWithAndWithoutTheDnnlHelpers() {
        MultiLayerNetwork separate = network(new BatchNormalization.Builder().build(), new ActivationLayer.Builder().activation(Activation.RELU).build());
        MultiLayerNetwork fused = network(new BatchNormRelu(), null);
        fused.setParams(separate.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 6, 6).subi(0.5);
        INDArray y = cyclicLabels(8, 4);
        for (boolean helpers : new boolean[]{false, true}) {
            if (helpers) {
                DnnlHelpers.attach(separate);
                DnnlHelpers.attach(fused);
            }
            String path = helpers ? "oneDNN helpers" : "DL4J's own code";
            assertThat(maxRelativeDifference(separate.output(x, false), fused.output(x, false))).as(path).isLessThan(1e-5);
            Map<String, INDArray> expected = gradients(separate, x, y);
            Map<String, INDArray> actual = gradients(fused, x, y);
            // The fused network numbers its layers one lower after the batch norm (no activation layer).
            assertThat(maxRelativeDifference(expected.get("0_W"), actual.get("0_W"))).as(path).isLessThan(1e-4);
            assertThat(maxRelativeDifference(expected.get("1_gamma"), actual.get("1_gamma"))).as(path).isLessThan(1e-4);
            assertThat(maxRelativeDifference(expected.get("1_beta"), actual.get("1_beta"))).as(path).isLessThan(1e-4);
            assertThat(maxRelativeDifference(expected.get("3_W"), actual.get("2_W"))).as(path).isLessThan(1e-4);
        }
        assertThat(fused.getLayer(1).getHelper()).isInstanceOf(DnnlBatchNorm.class);
    }

    @Test
    void savedAndRestoredWithItsRunningStatistics(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = network(new BatchNormRelu(), null);
        DnnlHelpers.attach(net);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 6, 6);
        net.fit(x, Nd4j.ones(DataType.FLOAT, 8, 4).divi(4));
        File file = new File(dir, "net.zip");
        ModelSerializer.writeModel(net, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);

        assertThat(restored.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(BatchNormRelu.class);
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.output(x, false)).isEqualTo(net.output(x, false));
        assertThat(MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson())).isEqualTo(net.getLayerWiseConfigurations());
    }

    private static MultiLayerNetwork network(Layer batchNorm, Layer activation) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.1))
                .convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(batchNorm);
        if (activation != null) {
            b.layer(activation);
        }
        MultiLayerConfiguration conf = b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
