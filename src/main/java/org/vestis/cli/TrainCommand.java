package org.vestis.cli;

import org.vestis.config.ConfigLoader;
import org.vestis.config.TrainConfig;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.data.FashionMnistLocator;
import org.vestis.data.StratifiedSplit;
import org.vestis.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `vestis train`: the config file's train section, each key overridable by its flag. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a Fashion-MNIST model and write a model bundle with plots and a report.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML run config (default: configs/fashion-mnist.yaml if it exists).")
    Path config;
    @Option(names = "--architecture", description = "seed-cnn or fashion-cnn.")
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
    @Option(names = "--train-limit", description = "Use only the first N training images (0 = all).")
    Integer trainLimit;
    @Option(names = "--test-limit", description = "Use only the first N test images (0 = all).")
    Integer testLimit;
    @Option(names = "--max-minutes", description = "Time budget: no new epoch after this many minutes (0 = none).")
    Double maxMinutes;
    @Option(names = "--resume", description = "Continue from the last epoch's checkpoint of an interrupted run.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Path configFile = config != null ? config : Path.of("configs/fashion-mnist.yaml");
        TrainConfig c = (config != null || configFile.toFile().isFile()) ? ConfigLoader.load(configFile).train : new TrainConfig();
        applyOverrides(c);
        c.validate(config != null ? configFile.toString() : "the command line");

        Path dir = FashionMnistLocator.standard().locate(c.dataDir.isBlank() ? null : Path.of(c.dataDir));
        Dataset all = FashionMnist.train(dir).limit(c.trainLimit);
        Dataset test = FashionMnist.test(dir).limit(c.testLimit);
        StratifiedSplit.Parts parts = StratifiedSplit.split(all, c.validationFraction, c.seed);
        System.out.printf("Training %s on %d images (validation %d, test %d) from %s%n",
                c.architecture, parts.train().size(), parts.validation().size(), test.size(), dir);

        TrainingRun run = new TrainingRun(c, FashionMnist.LABELS, "fashion-mnist", VestisCommand.invocation);
        run.run(parts, test, resume, new ConsoleTrainingProgress(System.out));
        System.out.println(run.summary());
        return 0;
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
        if (trainLimit != null) c.trainLimit = trainLimit;
        if (testLimit != null) c.testLimit = testLimit;
        if (maxMinutes != null) c.maxMinutes = maxMinutes;
    }
}
