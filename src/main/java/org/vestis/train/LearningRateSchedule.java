package org.vestis.train;

import org.vestis.config.TrainConfig;

/** The learning rates of an epoch relative to the configured ones: constant, or a cosine decay towards zero. */
final class LearningRateSchedule {
    private final boolean cosine;
    private final int epochs;

    LearningRateSchedule(TrainConfig config) {
        this.cosine = config.schedule.equals("cosine");
        this.epochs = config.epochs;
    }

    /** 1 at epoch 1; with the cosine schedule falling towards 0 after the last epoch. */
    double factor(int epoch) {
        return cosine ? 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs)) : 1.0;
    }
}
