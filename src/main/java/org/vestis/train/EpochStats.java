package org.vestis.train;

/**
 * One epoch's figures. trainLoss is the running mean over the epoch's minibatches (with dropout and
 * augmentation, as Keras reports it); trainAccuracy is measured in inference mode on a fixed sample of the
 * training split so that it compares directly with the validation accuracy.
 */
public record EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy,
                         double validationLoss, double validationAccuracy, double seconds, double imagesPerSecond) {
}
