package org.vestis.train;

import org.vestis.config.TrainConfig;
import org.vestis.data.Augmenter;
import org.vestis.data.Dataset;
import org.vestis.model.zoo.Backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST training: a compact CNN (or a MobileNet for 28x28) from random weights, a bundle's
 * ({@link WarmStart}) or the checkpoint ({@code --resume}), trained by the {@link EpochLoop} on augmented
 * minibatches from a background producer, with a {@link Checkpoint} after every epoch; the best epoch comes back.
 */
public final class Trainer {
    /** Train accuracy is measured on this many training images per epoch (inference mode). */
    private static final int TRAIN_SAMPLE = 5000;

    private final TrainConfig config;
    private final List<String> labels;
    private final Checkpoint checkpoint;
    private final TrainingProgress progress;

    public record Result(TrainableNetwork best, TrainingState state) {
    }

    public Trainer(TrainConfig config, List<String> labels, Path checkpointDir, TrainingProgress progress) {
        this.config = config;
        this.labels = labels;
        this.checkpoint = new Checkpoint(checkpointDir);
        this.progress = progress;
    }

    public Result train(Dataset train, Dataset validation, boolean resume) throws IOException {
        TrainingState state = checkpoint.open(resume, config.architecture, "--architecture");
        TrainableNetwork net;
        if (resume) {
            net = checkpoint.restoreLast();
        } else {
            net = config.pretrainedDir() != null
                    ? WarmStart.load(config.pretrainedDir(), config.architecture)
                    : new TrainableNetwork(Backbone.parse(config.architecture).buildGrayscale(labels.size(), config.learningRate, config.seed));
        }
        Augmenter augmenter = config.augment ? new Augmenter(config.shift, true, config.erase) : null;
        Dataset trainSample = train.limit(TRAIN_SAMPLE);
        Trainee trainee = new Trainee(net, BatchSource.of(train, config.batchSize, augmenter, config.seed),
                factor -> net.setLearningRate(factor * config.learningRate),
                () -> Evaluator.evaluate(net::output, trainSample, labels), () -> Evaluator.evaluate(net::output, validation, labels));
        new EpochLoop(config, List.of(checkpoint.writer(net, state), progress)).run(trainee, state);
        return new Result(checkpoint.restoreBest(), state);
    }
}
