package org.vestis.cli;

import org.vestis.config.ConfigLoader;
import org.vestis.config.TrainConfig;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.data.FashionMnistLocator;
import org.vestis.data.StratifiedSplit;
import org.vestis.UserException;
import org.vestis.data.ccp.DatasetSlots;
import org.vestis.data.PhotoSplits;
import org.vestis.model.zoo.Backbone;
import org.vestis.model.ModelBundle;
import org.vestis.train.PhotoFeatures;
import org.vestis.train.TrainingRun;
import org.vestis.train.TransferRun;
import org.vestis.cli.options.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    TrainingOptions training;
    @Option(names = "--resume", description = "Continue from the last epoch's checkpoint of an interrupted run.")
    boolean resume;
    @Option(names = "--overwrite", description = "Replace a trained bundle already at the output (the old one is kept as NAME.previous).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Path configFile = config != null ? config : Path.of("configs/fashion-mnist.yaml");
        // --images without --config must not pick up the Fashion-MNIST defaults (and overwrite that bundle).
        boolean useConfig = config != null || (!training.givesImages() && configFile.toFile().isFile());
        if (useConfig) {
            // The file on its own first (a fresh copy: validate fills defaults), so that a bad flag value below is
            // blamed on the flags and a mistake in the file on the file.
            ConfigLoader.load(configFile).train.validate(configFile.toString());
        }
        TrainConfig c = useConfig ? ConfigLoader.load(configFile).train : new TrainConfig();
        training.applyTo(c);
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
        Path dir = Path.of(c.images);
        PhotoSplits splits = PhotoSplits.open(dir, c.testFraction, c.seed);
        splits = new PhotoSplits(splits.kind(), splits.train().limit(c.trainLimit), splits.validation(), splits.test().limit(c.testLimit));
        System.out.printf("Training %s (%s, frozen up to %s) on %d photos of %d classes (validation %d, test %d) from %s%n",
                Backbone.parse(c.backbone).id(), c.init, c.freezeUpTo, splits.train().size(), splits.train().labels().size(),
                splits.validation().size(), splits.test().size(), dir);
        TransferRun run = new TransferRun(c, dir.getFileName().toString(), VestisCommand.invocation);
        run.run(splits, resume, new ConsoleTrainingProgress(System.out), new FeatureProgress());
        System.out.println(run.summary());
        if (DatasetSlots.copyInto(dir, Path.of(c.out))) {
            System.out.println("Garment slots copied from " + dir.resolve(DatasetSlots.FILE) + ": the bundle is a garment model; choose its presence"
                    + " thresholds and calibrate its confidences with ./vestis garments-eval --model " + c.out
                    + " --split validation --choose-presence --calibrate.");
        }
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
}
