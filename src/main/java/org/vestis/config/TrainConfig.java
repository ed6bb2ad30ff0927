package org.vestis.config;

import static org.vestis.config.ConfigChecks.require;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Training settings: read from the YAML's {@code train:} section, each overridable by a command-line flag.
 * Defaults follow the seeds' Keras setup (Adam 0.9/0.999, batch 128, early stopping with patience 3).
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public class TrainConfig {
    public String architecture = "fashion-cnn";
    /** Where the model bundle goes (a directory); empty: models/fashion-mnist-cnn, or models/clothing-FAMILY for photos. */
    public String out = "";
    /** Fashion-MNIST directory; empty means: find it (environment, cache, Debian package, download). */
    public String dataDir = "";
    public int epochs = 20;
    public int batchSize = 128;
    public double learningRate = 0.001;
    /** constant or cosine (decays to 0 over {@code epochs}). */
    public String schedule = "constant";
    public int patience = 3;
    public double validationFraction = 0.1;
    public long seed = 42;
    /** Random shifts of up to {@code shift} pixels and horizontal flips. */
    public boolean augment = false;
    public int shift = 2;
    /** With augment: the probability of random erasing (a rectangle of noise) per training image. */
    public double erase = 0;
    /** Use only this many training / test images (0 = all); for quick runs and tests. */
    public int trainLimit = 0;
    public int testLimit = 0;
    /** Time budget: no new epoch starts after this many minutes of training (0 = no limit); for ablation grids. */
    public double maxMinutes = 0;

    // Transfer learning on photos (used when images is set; the Fashion-MNIST keys above still apply where they make sense).
    /** A photo dataset: image folders (train/ and validation/ of class subfolders) or the DeepFashion category layout. */
    public String images = "";
    /** mobilenetv2, mobilenetv1-0.25-128, ..., resnet50, vgg16 ({@link org.vestis.model.zoo.Backbone}). */
    public String backbone = "mobilenetv2";
    /**
     * "random", "pretrained:DIR" (a bundle of the same backbone, e.g. made by `vestis import tflite`) or, for
     * resnet50 and vgg16, "pretrained:imagenet" (the DL4J zoo's ImageNet weights).
     */
    public String init = "random";
    /** The last backbone layer that stays frozen ("all": everything below the new head). */
    public String freezeUpTo = "all";
    /** Learning rate of the unfrozen backbone layers (the new head uses learning-rate). */
    public double fineTuneLearningRate = 1e-4;
    /** Test split carved from an image-folder dataset's train split. */
    public double testFraction = 0.1;
    /** Augmented views (flip, crop, colour jitter) per training photo added to the cached features. */
    public int augmentCopies = 0;
    /** Base URL serving the DL4J zoo's files (models/NAME.zip); empty: VESTIS_ZOO_MIRROR, else DL4J's own host. */
    public String zooMirror = "";
    /** Cache directory of the zoo's weight files; empty: VESTIS_ZOO_CACHE, else ~/.cache/vestis/dl4j-zoo. */
    public String zooCache = "";

    public static final String IMAGENET = "pretrained:imagenet";
    private static final Set<String> PHOTO_ONLY = Set.of("images", "backbone", "freeze-up-to", "fine-tune-learning-rate",
            "test-fraction", "augment-copies", "zoo-mirror", "zoo-cache");
    private static final Set<String> FASHION_MNIST_ONLY = Set.of("architecture", "data-dir", "validation-fraction", "augment", "shift", "erase");

    /** The settings this kind of run uses, under their YAML keys: what model.json records. */
    public Map<String, Object> settingsInUse() {
        Map<String, Object> all = new ObjectMapper().convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        all.keySet().removeAll(isTransfer() ? FASHION_MNIST_ONLY : PHOTO_ONLY);
        return all;
    }

    /** init asks for the DL4J zoo's ImageNet weights. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isZooImagenet() {
        return init.equals(IMAGENET);
    }

    /** The bundle directory of init pretrained:DIR; null for random and for pretrained:imagenet. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String pretrainedDir() {
        return init.startsWith("pretrained:") && !isZooImagenet() ? init.substring("pretrained:".length()) : null;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isTransfer() {
        return !images.isBlank();
    }

    public void validate(String source) {
        if (out.isBlank()) {
            out = isTransfer() ? "models/clothing-" + org.vestis.model.zoo.Backbone.parse(backbone).family() : "models/fashion-mnist-cnn";
        }
        if (isTransfer()) {
            org.vestis.model.zoo.Backbone b = org.vestis.model.zoo.Backbone.parse(backbone);
            require(b.isGraph(), source, "backbone must be a MobileNet (e.g. mobilenetv2), resnet50 or vgg16 for photo datasets");
            require(init.equals("random") || (init.startsWith("pretrained:") && init.length() > "pretrained:".length()), source,
                    "init must be random, pretrained:DIR (e.g. pretrained:models/mobilenetv2-imagenet) or pretrained:imagenet (resnet50, vgg16)");
            require(!isZooImagenet() || b.isZoo(), source,
                    "init pretrained:imagenet is for resnet50 and vgg16; a MobileNet takes pretrained:DIR, a bundle made by 'vestis import tflite'");
            require(fineTuneLearningRate > 0 && fineTuneLearningRate < 1, source, "fine-tune-learning-rate must be between 0 and 1");
            require(testFraction > 0 && testFraction < 0.5, source, "test-fraction must be between 0 and 0.5");
            require(augmentCopies >= 0 && augmentCopies <= 10, source, "augment-copies must be between 0 and 10");
            require(!freezeUpTo.isBlank(), source, "freeze-up-to must name a layer or be all or last-block");
        } else {
            org.vestis.model.zoo.Backbone b;
            try {
                b = org.vestis.model.zoo.Backbone.parse(architecture);
            } catch (org.vestis.UserException e) {
                throw new org.vestis.UserException("Unknown architecture '" + architecture + "' in " + source
                        + "; choose seed-cnn, fashion-cnn, or a MobileNet for 28x28 input such as mobilenetv1-0.25-28.", e);
            }
            b.requireFashionMnistInput(); // before the data loads
            require(init.equals("random") || (init.startsWith("pretrained:") && !isZooImagenet() && init.length() > "pretrained:".length()), source,
                    "init must be random or pretrained:DIR, a Fashion-MNIST bundle of the same architecture to continue from");
        }
        require(epochs >= 1, source, "epochs must be at least 1");
        require(batchSize >= 1, source, "batch-size must be at least 1");
        require(learningRate > 0 && learningRate < 1, source, "learning-rate must be between 0 and 1");
        require(schedule.equals("constant") || schedule.equals("cosine"), source, "schedule must be constant or cosine");
        require(patience >= 1, source, "patience must be at least 1");
        require(validationFraction > 0 && validationFraction < 0.5, source, "validation-fraction must be between 0 and 0.5");
        require(shift >= 0 && shift <= 8, source, "shift must be between 0 and 8 pixels");
        require(erase >= 0 && erase <= 1, source, "erase must be a probability between 0 and 1");
        require(maxMinutes >= 0, source, "max-minutes must not be negative");
        require(trainLimit >= 0 && testLimit >= 0, source, "train-limit and test-limit must not be negative");
    }
}
