package org.vestis.cli;

import org.vestis.config.ConfigLoader;
import org.vestis.config.TrainConfig;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.data.FashionMnistLocator;
import org.vestis.data.StratifiedSplit;
import org.vestis.UserException;
import org.vestis.data.PhotoSplits;
import org.vestis.model.zoo.Backbone;
import org.vestis.model.ModelBundle;
import org.vestis.train.PhotoFeatures;
import org.vestis.train.TrainingRun;
import org.vestis.train.TransferRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `vestis train`: the config file's train section, each key overridable by its flag. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model and write a model bundle with plots and a report.",
                "A Fashion-MNIST CNN, or with --images a MobileNet, ResNet50 or VGG16 on photos (transfer learning from",
                "pretrained weights, or random weights)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML run config (default: configs/fashion-mnist.yaml if it exists).")
    Path config;
    @Option(names = "--architecture", description = "seed-cnn, fashion-cnn, or a MobileNet for 28x28 input (mobilenetv1-0.25-28, mobilenetv2-0.35-28).")
    String architecture;
    @Option(names = "--out", description = "Model bundle directory to write.")
    String out;
    @Option(names = "--data-dir", description = "Directory with the four Fashion-MNIST .gz files.")
    String dataDir;
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
            "(default: $VESTIS_ZOO_MIRROR, else " + org.vestis.model.zoo.ZooWeights.DEFAULT_MIRROR + ")."})
    String zooMirror;
    @Option(names = "--zoo-cache", paramLabel = "DIR", description = "Cache of the zoo's weight files (default: $VESTIS_ZOO_CACHE, else ~/.cache/vestis/dl4j-zoo).")
    String zooCache;
    @Option(names = "--fine-tune-learning-rate", description = "Photos: learning rate of the unfrozen backbone layers.")
    Double fineTuneLearningRate;
    @Option(names = "--test-fraction", description = "Photos: share of train held out as the test split (image folders).")
    Double testFraction;
    @Option(names = "--augment-copies", description = "Photos: augmented views (flip, crop, colour jitter) per training photo.")
    Integer augmentCopies;
    @Option(names = "--resume", description = "Continue from the last epoch's checkpoint of an interrupted run.")
    boolean resume;
    @Option(names = "--overwrite", description = "Replace a trained bundle already at the output (the old one is kept as NAME.previous).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Path configFile = config != null ? config : Path.of("configs/fashion-mnist.yaml");
        // --images without --config must not pick up the Fashion-MNIST defaults (and overwrite that bundle).
        boolean useConfig = config != null || (images == null && configFile.toFile().isFile());
        if (useConfig) {
            // The file on its own first (a fresh copy: validate fills defaults), so that a bad flag value below is
            // blamed on the flags and a mistake in the file on the file.
            ConfigLoader.load(configFile).train.validate(configFile.toString());
        }
        TrainConfig c = useConfig ? ConfigLoader.load(configFile).train : new TrainConfig();
        applyOverrides(c);
        if (!c.isTransfer() && backbone != null) {
            // Without photos the network is the Fashion-MNIST architecture: --backbone names it too.
            if (architecture != null && !architecture.equals(backbone)) {
                throw new UserException("--architecture " + architecture + " and --backbone " + backbone + " disagree; name the network once.");
            }
            c.architecture = backbone;
        }
        c.validate("the command-line options");
        c.out = Path.of(c.out).normalize().toString(); // "models/missing/../m" is models/m, for the checkpoint folder too
        ModelBundle.checkWritable(Path.of(c.out), overwrite);
        if (c.isTransfer()) {
            return trainOnPhotos(c);
        }

        Path dir = FashionMnistLocator.standard().locate(c.dataDir.isBlank() ? null : Path.of(c.dataDir));
        Dataset all = FashionMnist.train(dir).limit(c.trainLimit);
        Dataset test = FashionMnist.test(dir).limit(c.testLimit);
        StratifiedSplit.Parts parts = StratifiedSplit.split(all, c.validationFraction, c.seed);
        if (parts.validation().size() == 0) {
            throw new UserException("A validation fraction of " + c.validationFraction + " of " + all.size()
                    + " training images leaves no validation images for early stopping; use a larger --train-limit.");
        }
        System.out.printf("Training %s on %d images (validation %d, test %d) from %s%n",
                c.architecture, parts.train().size(), parts.validation().size(), test.size(), dir);

        TrainingRun run = new TrainingRun(c, FashionMnist.LABELS, "fashion-mnist", VestisCommand.invocation);
        run.run(parts, test, resume, new ConsoleTrainingProgress(System.out));
        System.out.println(run.summary());
        return 0;
    }

    private int trainOnPhotos(TrainConfig c) throws Exception {
        if (resume) {
            throw new UserException("--resume applies to Fashion-MNIST training; a photo run caches its backbone features and restarts quickly.");
        }
        Path dir = Path.of(c.images);
        PhotoSplits splits = PhotoSplits.open(dir, c.testFraction, c.seed);
        splits = new PhotoSplits(splits.kind(), splits.train().limit(c.trainLimit), splits.validation(), splits.test().limit(c.testLimit));
        System.out.printf("Training %s (%s, frozen up to %s) on %d photos of %d classes (validation %d, test %d) from %s%n",
                Backbone.parse(c.backbone).id(), c.init, c.freezeUpTo, splits.train().size(), splits.train().labels().size(),
                splits.validation().size(), splits.test().size(), dir);
        TransferRun run = new TransferRun(c, dir.getFileName().toString(), VestisCommand.invocation);
        run.run(splits, new ConsoleTrainingProgress(System.out), new FeatureProgress());
        System.out.println(run.summary());
        return 0;
    }

    /** One line per 10% of a split's photos: the backbone pass is the slow part of a photo run. */
    private static final class FeatureProgress implements PhotoFeatures.Progress {
        private final long start = System.nanoTime();
        private int lastTenth = -1;
        private int lastTotal = -1;
        private int imagesBefore;
        private int lastDone;

        @Override
        public void update(int done, int total) {
            if (total != lastTotal || done < lastDone) {
                imagesBefore += lastDone;
                lastTotal = total;
                lastTenth = -1;
            }
            lastDone = done;
            int tenth = done * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(java.util.Locale.ROOT, "backbone features %d/%d photos (%.1f img/s)%n", done, total,
                        (imagesBefore + done) / Math.max(seconds, 1e-9));
            }
        }
    }

    private void applyOverrides(TrainConfig c) {
        if (architecture != null) c.architecture = architecture;
        if (out != null) c.out = out;
        if (dataDir != null) c.dataDir = dataDir;
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
    }
}
