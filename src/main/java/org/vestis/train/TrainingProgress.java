package org.vestis.train;

/** What a trainer reports while it works; the CLI draws a progress bar from it, tests ignore it. */
public interface TrainingProgress extends TrainingListener {
    @Override
    void epochStarted(int epoch, int maxEpochs, long images);

    @Override
    void imagesDone(long images);

    @Override
    void epochFinished(EpochStats stats, boolean improved);

    TrainingProgress NONE = new TrainingProgress() {
        @Override
        public void epochStarted(int epoch, int maxEpochs, long images) {
        }

        @Override
        public void imagesDone(long images) {
        }

        @Override
        public void epochFinished(EpochStats stats, boolean improved) {
        }
    };
}
