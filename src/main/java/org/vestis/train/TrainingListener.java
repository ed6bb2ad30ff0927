package org.vestis.train;

import java.io.IOException;

/**
 * Called by the {@link EpochLoop} as training goes (DJL's TrainingListener, cut down to what we use): the progress
 * display and the checkpoint are listeners. {@link #imagesDone} runs once per minibatch, so keep it cheap.
 */
public interface TrainingListener {
    default void epochStarted(int epoch, int maxEpochs, long images) {
    }

    default void imagesDone(long images) {
    }

    /** After the epoch is judged and recorded in the {@link TrainingState}; improved: its validation loss is the best so far. */
    default void epochFinished(EpochStats stats, boolean improved) throws IOException {
    }
}
