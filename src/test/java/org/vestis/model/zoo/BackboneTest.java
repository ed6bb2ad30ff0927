package org.vestis.model.zoo;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.vestis.model.ModelInfo;

class BackboneTest {
    @Test
    void namesResolveAndRoundTrip() {
        assertThat(Backbone.parse("mobilenetv2")).isEqualTo(new Backbone("mobilenetv2", 1.0, 224));
        assertThat(Backbone.parse("mobilenetv1-0.25-128").id()).isEqualTo("mobilenetv1-0.25-128");
        assertThat(Backbone.parse("MobileNetV2-1.0-224").id()).isEqualTo("mobilenetv2-1.0-224");
        assertThat(Backbone.parse("fashion-cnn").id()).isEqualTo("fashion-cnn");
        assertThat(Backbone.parse("mobilenetv2").input()).isEqualTo(new ModelInfo.Input(224, 224, 3));
        assertThat(Backbone.parse("seed-cnn").preprocessing()).isEqualTo(ModelInfo.Preprocessing.FASHION_MNIST);
    }

    @Test
    void unknownNamesFailClearly() {
        assertThatThrownBy(() -> Backbone.parse("resnet9")).isInstanceOf(UserException.class)
                .hasMessage("Unknown backbone 'resnet9'; choose one of: seed-cnn, fashion-cnn, mobilenetv1, mobilenetv2, resnet50, vgg16.");
        assertThatThrownBy(() -> Backbone.parse("resnet50-0.5-128")).isInstanceOf(UserException.class)
                .hasMessage("resnet50 comes in one size (224x224 inputs, width 1.0); write just 'resnet50'.");
        assertThatThrownBy(() -> Backbone.parse("mobilenetv1-wide-128")).isInstanceOf(UserException.class)
                .hasMessageContaining("is not a name like");
    }

    @Test
    void buildsTheRightKindOfNetwork() {
        Model cnn = Backbone.parse("seed-cnn").build(10, 1);
        assertThat(cnn).isInstanceOf(MultiLayerNetwork.class);
        Model mobile = Backbone.parse("mobilenetv1-0.25-128").build(10, 1);
        assertThat(mobile).isInstanceOf(ComputationGraph.class);
    }

    @Test
    void zooBackbonesTakeImagenetSizedBgrInputs() {
        Backbone resnet = Backbone.parse("ResNet50");
        assertThat(resnet.id()).isEqualTo("resnet50");
        assertThat(resnet.isZoo()).isTrue();
        assertThat(resnet.input()).isEqualTo(new ModelInfo.Input(224, 224, 3));
        assertThat(resnet.preprocessing().normalisation()).isEqualTo(ModelInfo.Preprocessing.IMAGENET_CAFFE_BGR);
        assertThat(Backbone.parse("vgg16").headName()).isEqualTo("20");
        assertThat(Backbone.parse("vgg16").belowHead()).isEqualTo("19");
    }

    @Test
    void resnet50RandomBuildHasTheDatasetsOutputs() {
        ComputationGraph g = Backbone.parse("resnet50").buildGraph(7, 1);
        INDArray out = g.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224));
        assertThat(out.shape()).containsExactly(1, 7);
        assertThat(g.getVertex("avgpool")).isNotNull();
        // Deterministic: the random and the ImageNet-initialised networks come from this same configuration.
        assertThat(Backbone.parse("resnet50").graphConfiguration(7, 1).toJson()).isEqualTo(Backbone.parse("resnet50").graphConfiguration(7, 1).toJson());
    }

    @Test
    void vgg16RandomBuildHasTheDatasetsOutputs() {
        // 134M parameters (about 540 MB); built but not run, a forward pass costs seconds on a CPU.
        ComputationGraph g = Backbone.parse("vgg16").buildGraph(7, 1);
        assertThat(((org.deeplearning4j.nn.conf.layers.OutputLayer) g.getLayer("20").conf().getLayer()).getNOut()).isEqualTo(7);
        assertThat(g.getLayer("18").getParam("W").shape()).containsExactly(25088, 4096);
        assertThat(g.numParams()).isEqualTo(134_289_223L);
    }
}
