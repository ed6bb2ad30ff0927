package org.vestis.train;

import java.util.ArrayList;
import java.util.List;

/** What a checkpoint needs besides the network to resume training exactly where it stopped. */
public class TrainingState {
    public int epochsDone;
    public List<EpochStats> history = new ArrayList<>();
    public double bestValidationLoss = Double.MAX_VALUE;
    public int bestEpoch;
    public int epochsWithoutImprovement;
    public double trainingSeconds;
    public boolean stoppedEarly;
}
