package org.vestis.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;
import org.vestis.config.TrainConfig;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.data.StratifiedSplit;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real training on the 600-image fixture: learning happens, checkpoints resume exactly. */
class TrainerTest {
    static final Path SAMPLE = Path.of("src/test/resources/fashion-mnist-sample");

    static TrainConfig quickConfig(String architecture, int epochs) {
        TrainConfig c = new TrainConfig();
        c.architecture = architecture;
        c.epochs = epochs;
        c.batchSize = 32;
        c.learningRate = 0.002;
        c.patience = 5;
        c.seed = 3;
        return c;
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        StratifiedSplit.Parts parts = StratifiedSplit.split(FashionMnist.train(SAMPLE), 0.1, 3);

        TrainConfig threeEpochs = quickConfig("seed-cnn", 3);
        Trainer.Result straight = new Trainer(threeEpochs, FashionMnist.LABELS, dir.resolve("a"), TrainingProgress.NONE)
                .train(parts.train(), parts.validation(), false);

        // The same run "crashes" after epoch 1, then resumes to 3 epochs from its checkpoint.
        new Trainer(quickConfig("seed-cnn", 1), FashionMnist.LABELS, dir.resolve("b"), TrainingProgress.NONE)
                .train(parts.train(), parts.validation(), false);
        Trainer.Result resumed = new Trainer(threeEpochs, FashionMnist.LABELS, dir.resolve("b"), TrainingProgress.NONE)
                .train(parts.train(), parts.validation(), true);

        assertThat(resumed.state().history).hasSize(3);
        assertThat(straight.state().history).hasSize(3);
        assertThat(resumed.state().history.get(0).validationLoss()).isEqualTo(straight.state().history.get(0).validationLoss());
        assertThat(resumed.state().history.get(2).validationLoss())
                .isCloseTo(straight.state().history.get(2).validationLoss(), org.assertj.core.api.Assertions.within(1e-3));
        // It learned something: better than chance (10%) after three epochs on 540 images.
        assertThat(straight.state().history.get(2).validationAccuracy()).isGreaterThan(0.4);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28);
        assertThat(straight.best().output(x).sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void aMobileNetGraphTrainsAndResumesThroughTheSameLoop(@TempDir Path dir) throws Exception {
        StratifiedSplit.Parts parts = StratifiedSplit.split(FashionMnist.train(SAMPLE), 0.1, 3);
        TrainConfig c = quickConfig("mobilenetv1-0.25-28", 1);
        new Trainer(c, FashionMnist.LABELS, dir, TrainingProgress.NONE).train(parts.train(), parts.validation(), false);
        Trainer.Result resumed = new Trainer(quickConfig("mobilenetv1-0.25-28", 2), FashionMnist.LABELS, dir, TrainingProgress.NONE)
                .train(parts.train(), parts.validation(), true);

        assertThat(resumed.state().history).hasSize(2);
        assertThat(resumed.best().model()).isInstanceOf(org.deeplearning4j.nn.graph.ComputationGraph.class);
        INDArray probs = resumed.best().output(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28));
        assertThat(probs.shape()).containsExactly(2, 10);
        assertThat(probs.getRow(0).sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void aMobileNetForAnotherInputSizeIsAClearError(@TempDir Path dir) {
        Dataset tiny = FashionMnist.train(SAMPLE).limit(50);
        assertThatThrownBy(() -> new Trainer(quickConfig("mobilenetv1-0.25-128", 1), FashionMnist.LABELS, dir, TrainingProgress.NONE)
                .train(tiny, tiny, false)).isInstanceOf(UserException.class).hasMessageContaining("mobilenetv1-0.25-28");
    }

    @Test
    void resumeWithoutCheckpointIsAClearError(@TempDir Path dir) {
        Dataset tiny = FashionMnist.train(SAMPLE).limit(50);
        assertThatThrownBy(() -> new Trainer(quickConfig("seed-cnn", 1), FashionMnist.LABELS, dir.resolve("none"), TrainingProgress.NONE)
                .train(tiny, tiny, true)).isInstanceOf(UserException.class).hasMessageContaining("no checkpoint to resume");
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement(@TempDir Path dir) throws Exception {
        // A learning rate this high makes the validation loss blow up and not recover.
        TrainConfig c = quickConfig("seed-cnn", 10);
        c.learningRate = 0.9;
        c.patience = 2;
        StratifiedSplit.Parts parts = StratifiedSplit.split(FashionMnist.train(SAMPLE).limit(300), 0.1, 3);
        Trainer.Result r = new Trainer(c, FashionMnist.LABELS, dir, TrainingProgress.NONE).train(parts.train(), parts.validation(), false);
        assertThat(r.state().stoppedEarly).isTrue();
        assertThat(r.state().epochsDone).isEqualTo(r.state().bestEpoch + 2);
    }

    @Test
    void cosineScheduleStartsAtTheBaseRateAndDecays() {
        TrainConfig c = quickConfig("seed-cnn", 10);
        c.schedule = "cosine";
        LearningRateSchedule schedule = new LearningRateSchedule(c);
        assertThat(schedule.factor(1) * c.learningRate).isEqualTo(0.002);
        assertThat(schedule.factor(6) * c.learningRate).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(schedule.factor(10) * c.learningRate).isLessThan(0.0001);
    }
}
