package org.vestis.model.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;

/**
 * The DL4J zoo's ResNet50 and VGG16 (224x224x3), as the zoo configures them, with the output layer sized for
 * our classes. Both random and ImageNet-initialised networks are built from this configuration, so the two
 * differ in their weights only ({@link ZooWeights} fetches the ImageNet file, {@link LayerWeights} copies it in).
 */
public final class ZooNetworks {
    public static final String RESNET50 = "resnet50";
    public static final String VGG16_NAME = "vgg16";
    public static final int INPUT_SIZE = 224;

    private ZooNetworks() {
    }

    public static boolean isZoo(String family) {
        return family.equals(RESNET50) || family.equals(VGG16_NAME);
    }

    /** The zoo model object: its configuration, and its pretrained file's URL and checksum. */
    public static ZooModel<?> model(String family, int numClasses, long seed) {
        return switch (family) {
            case RESNET50 -> ResNet50.builder().numClasses(numClasses).seed(seed).build();
            case VGG16_NAME -> VGG16.builder().numClasses(numClasses).seed(seed).build();
            default -> throw new IllegalArgumentException(family + " is not a zoo backbone");
        };
    }

    public static ComputationGraphConfiguration configuration(String family, int numClasses, long seed) {
        ZooModel<?> model = model(family, numClasses, seed);
        return model instanceof ResNet50 r ? r.graphBuilder().build() : ((VGG16) model).conf();
    }

    /** The zoo graph's output layer: the head we replace. */
    public static String head(String family) {
        return family.equals(VGG16_NAME) ? "20" : "output";
    }

    /**
     * The vertex right below the head: freezing up to it trains the new head only. VGG16's zoo graph numbers
     * its layers: 0-16 convolutions and pools, 17 the last pool, 18 and 19 the 4096-wide dense layers.
     */
    public static String belowHead(String family) {
        return family.equals(VGG16_NAME) ? "19" : "avgpool";
    }
}
