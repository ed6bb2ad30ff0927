package org.vestis.train;

import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.nd4j.linalg.dataset.DataSet;
import org.vestis.UserException;
import org.vestis.config.TrainConfig;
import org.vestis.data.Augmenter;
import org.vestis.data.BatchProducer;
import org.vestis.data.Dataset;
import org.vestis.model.zoo.Backbone;
import org.vestis.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training loop: minibatches from a background producer, a per-epoch learning rate, validation after
 * every epoch, early stopping on validation loss, and a checkpoint after every epoch (network with its
 * optimiser state plus {@link TrainingState}) so that {@code --resume} continues after a crash or Ctrl-C.
 */
public final class Trainer {
    private static final String LAST = "last.zip";
    private static final String BEST = "best.zip";
    private static final String STATE = "state.json";
    /** Train accuracy is measured on this many training images per epoch (inference mode). */
    private static final int TRAIN_SAMPLE = 5000;

    private final TrainConfig config;
    private final List<String> labels;
    private final Path checkpointDir;
    private final TrainingProgress progress;

    public record Result(TrainableNetwork best, TrainingState state) {
    }

    public Trainer(TrainConfig config, List<String> labels, Path checkpointDir, TrainingProgress progress) {
        this.config = config;
        this.labels = labels;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
    }

    public Result train(Dataset train, Dataset validation, boolean resume) throws IOException {
        TrainableNetwork net;
        TrainingState state;
        if (resume) {
            if (!Files.isRegularFile(checkpointDir.resolve(LAST)) || !Files.isRegularFile(checkpointDir.resolve(STATE))) {
                throw new UserException("There is no checkpoint to resume in " + checkpointDir + "; run the same command without --resume.");
            }
            try {
                state = Json.MAPPER.readValue(checkpointDir.resolve(STATE).toFile(), TrainingState.class);
            } catch (IOException | RuntimeException e) {
                throw new UserException("The checkpoint in " + checkpointDir + " cannot be read (" + e.getMessage()
                        + "); run the same command without --resume to start again.", e);
            }
            // Continuing one network under another's name would write a bundle that says what it is not.
            if (state.architecture != null && !state.architecture.equals(config.architecture)) {
                throw new UserException("The checkpoint in " + checkpointDir + " is a " + state.architecture + " run; resume it with --architecture "
                        + state.architecture + ", or run without --resume to train a " + config.architecture + " from the start.");
            }
            try {
                net = TrainableNetwork.restore(checkpointDir.resolve(LAST), true);
            } catch (IOException | RuntimeException e) {
                throw new UserException("The checkpoint in " + checkpointDir + " cannot be read (" + e.getMessage()
                        + "); run the same command without --resume to start again.", e);
            }
        } else {
            ModelBundle.deleteRecursively(checkpointDir);
            net = config.pretrainedDir() != null
                    ? WarmStart.load(config.pretrainedDir(), config.architecture)
                    : new TrainableNetwork(Backbone.parse(config.architecture).buildGrayscale(labels.size(), config.learningRate, config.seed));
            state = new TrainingState();
            state.architecture = config.architecture;
        }
        Files.createDirectories(checkpointDir);
        Dataset trainSample = train.limit(TRAIN_SAMPLE);
        Augmenter augmenter = config.augment ? new Augmenter(config.shift, true, config.erase) : null;

        for (int epoch = state.epochsDone + 1; state.mayStart(epoch, config); epoch++) {
            double lr = learningRate(epoch);
            net.setLearningRate(lr);
            progress.epochStarted(epoch, config.epochs, train.size());
            long start = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            try (BatchProducer producer = new BatchProducer(train, config.batchSize, augmenter, config.seed * 1_000 + epoch)) {
                while (producer.hasNext()) {
                    DataSet batch = producer.next();
                    net.fit(batch);
                    lossSum += net.score();
                    batches++;
                    progress.imagesDone(batch.numExamples());
                    batch.getFeatures().close();
                    batch.getLabels().close();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Metrics trainMetrics = Evaluator.evaluate(net::output, trainSample, labels);
            Metrics valMetrics = Evaluator.evaluate(net::output, validation, labels);
            EpochStats stats = new EpochStats(epoch, lr, lossSum / Math.max(batches, 1), trainMetrics.top1(),
                    valMetrics.loss(), valMetrics.top1(), seconds, train.size() / seconds);
            boolean improved = state.record(stats, config.patience);
            if (improved) {
                writeAtomically(net, BEST, false);
            }
            writeAtomically(net, LAST, true);
            Path tmp = checkpointDir.resolve(STATE + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), state);
            OutputFiles.publish(tmp, checkpointDir.resolve(STATE));
            progress.epochFinished(stats, improved);
        }
        return new Result(TrainableNetwork.restore(checkpointDir.resolve(BEST), false), state);
    }

    /** Constant, or cosine decay from the base rate (epoch 1) towards zero (after the last epoch). */
    double learningRate(int epoch) {
        if (config.schedule.equals("cosine")) {
            return config.learningRate * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / config.epochs));
        }
        return config.learningRate;
    }

    private void writeAtomically(TrainableNetwork net, String name, boolean withUpdater) throws IOException {
        Path tmp = checkpointDir.resolve(name + ".tmp");
        net.save(tmp, withUpdater);
        OutputFiles.publish(tmp, checkpointDir.resolve(name));
    }
}
