package org.vestis.config;

import org.junit.jupiter.api.Test;
import org.vestis.UserException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainConfigTest {
    private static TrainConfig photos(String backbone, String init) {
        TrainConfig c = new TrainConfig();
        c.images = "photos";
        c.backbone = backbone;
        c.init = init;
        return c;
    }

    @Test
    void zooBackbonesTakeTheZoosImagenetWeights() {
        TrainConfig c = photos("resnet50", "pretrained:imagenet");
        c.validate("the command line");
        assertThat(c.isZooImagenet()).isTrue();
        assertThat(c.out).isEqualTo("models/clothing-resnet50");
        photos("vgg16", "random").validate("the command line");
    }

    @Test
    void mobileNetsCannotAskForTheZoosWeights() {
        assertThatThrownBy(() -> photos("mobilenetv2", "pretrained:imagenet").validate("the command line"))
                .isInstanceOf(UserException.class)
                .hasMessage("In the command line: init pretrained:imagenet is for resnet50 and vgg16; a MobileNet takes pretrained:DIR, "
                        + "a bundle made by 'vestis import tflite'.");
        assertThatThrownBy(() -> photos("fashion-cnn", "random").validate("the command line"))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("backbone must be a MobileNet (e.g. mobilenetv2), resnet50 or vgg16");
    }
}
