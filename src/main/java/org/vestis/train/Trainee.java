package org.vestis.train;

import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * What the {@link EpochLoop} trains, and all that differs between the kinds of training: the network, where its
 * batches come from, which layers the schedule's factor scales at which rate, and how it is judged after an epoch.
 *
 * @param scaleLearningRates sets the epoch's learning rates: the configured ones times the schedule's factor
 * @param trainMetrics       figures on (a sample of) the training split, in inference mode like validation's
 * @param validationMetrics  figures on the validation split: its loss drives early stopping
 */
record Trainee(TrainableNetwork network, BatchSource batches, DoubleConsumer scaleLearningRates,
               Supplier<Metrics> trainMetrics, Supplier<Metrics> validationMetrics) {
}
