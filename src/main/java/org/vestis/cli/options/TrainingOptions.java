package org.vestis.cli.options;

import org.vestis.UserException;
import org.vestis.config.TrainConfig;
import org.vestis.model.zoo.ZooWeights;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of `vestis train` that stand for keys of the config file's train section (same names): each one given
 * replaces the file's value ({@link #applyTo}). Null fields are flags not given; picocli fills them in this order,
 * which is also the order of the help.
 */
public final class TrainingOptions {
    @Option(names = "--architecture", description = "seed-cnn, fashion-cnn, or a MobileNet for 28x28 input (mobilenetv1-0.25-28, mobilenetv2-0.35-28).")
    String architecture;
    @Option(names = "--out", description = "Model bundle directory to write.")
    String out;
    @Mixin
    FashionMnistDirOption dataDir;
    @Option(names = "--epochs", description = "Maximum epochs.")
    Integer epochs;
    @Option(names = "--batch-size")
    Integer batchSize;
    @Option(names = "--learning-rate")
    Double learningRate;
    @Option(names = "--schedule", description = "constant or cosine.")
    String schedule;
    @Option(names = "--patience", description = "Early stopping: epochs without a better validation loss.")
    Integer patience;
    @Option(names = "--validation-fraction")
    Double validationFraction;
    @Option(names = "--seed")
    Long seed;
    @Option(names = "--augment", arity = "1", description = "true or false: random shifts and flips.")
    Boolean augment;
    @Option(names = "--shift", description = "Maximum random shift in pixels.")
    Integer shift;
    @Option(names = "--erase", description = "Probability of random erasing per training image (with --augment).")
    Double erase;
    @Option(names = "--train-limit", description = "Use only the first N training images (0 = all).")
    Integer trainLimit;
    @Option(names = "--test-limit", description = "Use only the first N test images (0 = all).")
    Integer testLimit;
    @Option(names = "--max-minutes", description = "Time budget: no new epoch after this many minutes (0 = none).")
    Double maxMinutes;
    @Option(names = "--images", description = "Photo dataset: image folders (train/<class>/, validation/<class>/) or DeepFashion (Anno/, Eval/, img/).")
    String images;
    @Option(names = "--backbone", description = {"Photos: mobilenetv2, mobilenetv1-0.25-128, ... (family-width-size), resnet50 or vgg16 (DL4J zoo, 224x224).",
            "Without --images the same as --architecture (seed-cnn, fashion-cnn, mobilenetv1-0.25-28, ...)."})
    String backbone;
    @Option(names = "--init", description = {"Photos: random, pretrained:DIR (a bundle of the same backbone, e.g. models/mobilenetv2-imagenet),",
            "or pretrained:imagenet for resnet50/vgg16 (the DL4J zoo's ImageNet weights, downloaded once and cached).",
            "Fashion-MNIST: random, or pretrained:DIR to continue from a bundle of the same architecture (a new",
            "learning-rate cycle, e.g. --init pretrained:models/fashion-mnist-cnn --learning-rate 0.0005)."})
    String init;
    @Option(names = "--freeze-up-to", description = {"Photos: the last frozen backbone layer; all (the default: train only the new head;",
            "frozen up to pool for the MobileNets, avgpool for resnet50, 19 for vgg16); last-block (MobileNets: fine-tune the",
            "last block and the head). E.g. block14_add (mobilenetv2), res4f_branch (resnet50) or 17 (vgg16)."})
    String freezeUpTo;
    @Option(names = "--zoo-mirror", paramLabel = "URL", description = {"resnet50/vgg16 ImageNet weights: base URL serving the zoo's models/NAME.zip",
            "(default: $VESTIS_ZOO_MIRROR, else " + ZooWeights.DEFAULT_MIRROR + ")."})
    String zooMirror;
    @Option(names = "--zoo-cache", paramLabel = "DIR", description = "Cache of the zoo's weight files (default: $VESTIS_ZOO_CACHE, else ~/.cache/vestis/dl4j-zoo).")
    String zooCache;
    @Option(names = "--fine-tune-learning-rate", description = "Photos: learning rate of the unfrozen backbone layers.")
    Double fineTuneLearningRate;
    @Option(names = "--test-fraction", description = "Photos: share of train held out as the test split (image folders).")
    Double testFraction;
    @Option(names = "--augment-copies", description = "Photos: augmented views (flip, crop, colour jitter) per training photo.")
    Integer augmentCopies;

    /** --images was given: a photo run, which must not fall back to the Fashion-MNIST config file. */
    public boolean givesImages() {
        return images != null;
    }

    /**
     * The flags given replace the config's values (flag over YAML over default). Without photos the network is the
     * Fashion-MNIST architecture, which --backbone names too.
     */
    public void applyTo(TrainConfig c) {
        if (architecture != null) c.architecture = architecture;
        if (out != null) c.out = out;
        if (dataDir.value() != null) c.dataDir = dataDir.value();
        if (epochs != null) c.epochs = epochs;
        if (batchSize != null) c.batchSize = batchSize;
        if (learningRate != null) c.learningRate = learningRate;
        if (schedule != null) c.schedule = schedule;
        if (patience != null) c.patience = patience;
        if (validationFraction != null) c.validationFraction = validationFraction;
        if (seed != null) c.seed = seed;
        if (augment != null) c.augment = augment;
        if (shift != null) c.shift = shift;
        if (erase != null) c.erase = erase;
        if (trainLimit != null) c.trainLimit = trainLimit;
        if (testLimit != null) c.testLimit = testLimit;
        if (maxMinutes != null) c.maxMinutes = maxMinutes;
        if (images != null) c.images = images;
        if (backbone != null) c.backbone = backbone;
        if (init != null) c.init = init;
        if (freezeUpTo != null) c.freezeUpTo = freezeUpTo;
        if (fineTuneLearningRate != null) c.fineTuneLearningRate = fineTuneLearningRate;
        if (testFraction != null) c.testFraction = testFraction;
        if (augmentCopies != null) c.augmentCopies = augmentCopies;
        if (zooMirror != null) c.zooMirror = zooMirror;
        if (zooCache != null) c.zooCache = zooCache;
        if (!c.isTransfer() && backbone != null) {
            if (architecture != null && !architecture.equals(backbone)) {
                throw new UserException("--architecture " + architecture + " and --backbone " + backbone + " disagree; name the network once.");
            }
            c.architecture = backbone;
        }
    }
}
