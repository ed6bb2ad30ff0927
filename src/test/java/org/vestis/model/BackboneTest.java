package org.vestis.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.vestis.UserException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .hasMessage("Unknown backbone 'resnet9'; choose one of: seed-cnn, fashion-cnn, mobilenetv1, mobilenetv2.");
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
}
