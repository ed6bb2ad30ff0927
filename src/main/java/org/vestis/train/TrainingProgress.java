package org.vestis.train;

/**
 * What a trainer reports while it works; the CLI draws a progress bar from it, tests ignore it. A listener whose
 * {@link #epochFinished} throws nothing checked; every method does nothing unless overridden.
 */
public interface TrainingProgress extends TrainingListener {
    @Override
    default void epochFinished(EpochStats stats, boolean improved) {
    }

    TrainingProgress NONE = new TrainingProgress() {
    };
}
