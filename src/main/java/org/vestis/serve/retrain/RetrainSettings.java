package org.vestis.serve.retrain;

/**
 * How a retrain from reviewed items trains. The defaults are the transfer learning's settings for a real shop (up
 * to 30 epochs with early stopping, two augmented views per photo); tests and demos give 1 epoch and no copies.
 *
 * @param epochs        maximum epochs ({@code vestis train --epochs})
 * @param maxMinutes    no new epoch after this many minutes (0: no limit)
 * @param augmentCopies augmented views per training photo (0 is fastest)
 * @param minPerClass   a class needs this many reviewed items to be trained (at least 3: one each for train,
 *                      validation and the held-out comparison)
 */
public record RetrainSettings(int epochs, double maxMinutes, int augmentCopies, int minPerClass) {
    public static final RetrainSettings DEFAULTS = new RetrainSettings(30, 60, 2, 5);

    public RetrainSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("Retraining needs at least 1 epoch.");
        }
        if (maxMinutes < 0) {
            throw new IllegalArgumentException("The retraining time limit cannot be negative.");
        }
        if (augmentCopies < 0) {
            throw new IllegalArgumentException("Augmented copies cannot be negative.");
        }
        if (minPerClass < 3) {
            throw new IllegalArgumentException("A class needs at least 3 reviewed items (train, validation, held out).");
        }
    }
}
