package org.vestis.train;

import org.nd4j.linalg.dataset.DataSet;
import org.vestis.config.TrainConfig;

import java.io.IOException;
import java.util.List;

/**
 * The one epoch loop of every training run, Fashion-MNIST and photos alike (in the spirit of DJL's EasyTrain with
 * its TrainingListeners): set the epoch's learning rates from the {@link LearningRateSchedule}, fit the epoch's
 * minibatches, judge the network, record the epoch in the {@link TrainingState} (which stops early after
 * {@code patience} epochs without a better validation loss, or when the time budget is spent) and tell the
 * listeners (progress, {@link Checkpoint}). Continues after {@code state.epochsDone}, so a resumed run goes on.
 */
final class EpochLoop {
    private final TrainConfig config;
    private final LearningRateSchedule schedule;
    private final TrainingListener[] listeners;

    EpochLoop(TrainConfig config, List<TrainingListener> listeners) {
        this.config = config;
        this.schedule = new LearningRateSchedule(config);
        this.listeners = listeners.toArray(TrainingListener[]::new);
    }

    void run(Trainee trainee, TrainingState state) throws IOException {
        TrainableNetwork net = trainee.network();
        BatchSource source = trainee.batches();
        for (int epoch = state.epochsDone + 1; state.mayStart(epoch, config); epoch++) {
            double factor = schedule.factor(epoch);
            trainee.scaleLearningRates().accept(factor);
            for (TrainingListener l : listeners) {
                l.epochStarted(epoch, config.epochs, source.size());
            }
            long start = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            try (BatchSource.Batches epochBatches = source.epoch(epoch)) {
                while (epochBatches.hasNext()) {
                    DataSet batch = epochBatches.next();
                    net.fit(batch);
                    lossSum += net.score();
                    batches++;
                    for (TrainingListener l : listeners) {
                        l.imagesDone(batch.numExamples());
                    }
                    batch.getFeatures().close();
                    batch.getLabels().close();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Metrics trainMetrics = trainee.trainMetrics().get();
            Metrics valMetrics = trainee.validationMetrics().get();
            EpochStats stats = new EpochStats(epoch, factor * config.learningRate, lossSum / Math.max(batches, 1), trainMetrics.top1(),
                    valMetrics.loss(), valMetrics.top1(), seconds, source.size() / seconds);
            boolean improved = state.record(stats, config.patience);
            for (TrainingListener l : listeners) {
                l.epochFinished(stats, improved);
            }
        }
    }
}
