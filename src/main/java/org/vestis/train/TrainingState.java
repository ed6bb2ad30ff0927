package org.vestis.train;

import org.vestis.config.TrainConfig;

import java.util.ArrayList;
import java.util.List;

/** What a checkpoint needs besides the network to resume training exactly where it stopped. */
public class TrainingState {
    /** The network being trained (seed-cnn, fashion-cnn, ...): a resume must continue the same one. */
    public String architecture;
    public int epochsDone;
    public List<EpochStats> history = new ArrayList<>();
    public double bestValidationLoss = Double.MAX_VALUE;
    public int bestEpoch;
    public int epochsWithoutImprovement;
    public double trainingSeconds;
    public boolean stoppedEarly;

    /** Whether epoch {@code epoch} may start: within the epoch limit, not stopped early, within the time budget. */
    public boolean mayStart(int epoch, TrainConfig config) {
        boolean outOfTime = config.maxMinutes > 0 && trainingSeconds >= config.maxMinutes * 60;
        return epoch <= config.epochs && !stoppedEarly && !outOfTime;
    }

    /**
     * Records a finished epoch; true when its validation loss is the best so far. After {@code patience} epochs
     * without a new best, training stops early.
     */
    public boolean record(EpochStats stats, int patience) {
        history.add(stats);
        epochsDone = stats.epoch();
        trainingSeconds += stats.seconds();
        if (stats.validationLoss() < bestValidationLoss) {
            bestValidationLoss = stats.validationLoss();
            bestEpoch = stats.epoch();
            epochsWithoutImprovement = 0;
            return true;
        }
        if (++epochsWithoutImprovement >= patience) {
            stoppedEarly = true;
        }
        return false;
    }
}
