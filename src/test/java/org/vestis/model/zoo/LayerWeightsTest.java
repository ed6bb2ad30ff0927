package org.vestis.model.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.preprocessors.TensorFlowCnnToFeedForwardPreProcessor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vestis.UserException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerWeightsTest {
    /** conv 3x3 -> dense -> output on 5x5x2 inputs; names as given, optionally Keras' NHWC flatten before the dense layer. */
    private static ComputationGraph net(String conv, String dense, String out, int kernel, boolean kerasFlatten, long seed) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(seed).graphBuilder()
                .addInputs("in")
                .addLayer(conv, new ConvolutionLayer.Builder(kernel, kernel).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer(dense, new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build(), conv)
                .addLayer(out, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build(), dense)
                .setOutputs(out)
                .setInputTypes(InputType.convolutional(5, 5, 2));
        if (kerasFlatten) {
            int side = 5 - kernel + 1;
            b.inputPreProcessor(dense, new TensorFlowCnnToFeedForwardPreProcessor(side, side, 4));
        }
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    @Test
    void copiesByOrderAcrossLayerNamesAndLeavesTheHead() {
        ComputationGraph source = net("block1_conv1", "fc1", "predictions", 3, false, 1);
        ComputationGraph target = net("0", "1", "2", 3, false, 2);
        INDArray head = target.getLayer("2").params().dup();

        LayerWeights.copyBackbone(source, "predictions", target, "2", "the test file");

        assertThat(target.getLayer("0").params()).isEqualTo(source.getLayer("block1_conv1").params());
        assertThat(target.getLayer("1").params()).isEqualTo(source.getLayer("fc1").params());
        assertThat(target.getLayer("2").params()).isEqualTo(head);
    }

    @Test
    void kerasFlattenedDenseWeightsAreReorderedSoTheNetworkComputesTheSame() {
        ComputationGraph keras = net("block1_conv1", "fc1", "predictions", 3, true, 1);
        ComputationGraph ours = net("0", "1", "2", 3, false, 2);
        LayerWeights.copyBackbone(keras, "predictions", ours, "2", "the test file");
        ours.getLayer("2").setParams(keras.getLayer("predictions").params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 5, 5);

        assertThat(ours.outputSingle(x).equalsWithEps(keras.outputSingle(x), 1e-5)).isTrue();
        assertThat(ours.getLayer("1").getParam("W")).isNotEqualTo(keras.getLayer("fc1").getParam("W"));
    }

    @Test
    void aDifferentArchitectureFailsClearly() {
        ComputationGraph source = net("c", "d", "o", 3, false, 1);
        ComputationGraph target = net("c", "d", "o", 2, false, 1);

        assertThatThrownBy(() -> LayerWeights.copyBackbone(source, "o", target, "o", "the test file"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("Layer 'c' of the test file does not match layer 'c' of the configuration (kernel [3, 3]")
                .hasMessageEndingWith("the file is not a model of this backbone.");
    }
}
