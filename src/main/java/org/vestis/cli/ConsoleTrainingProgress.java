package org.vestis.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vestis.train.EpochStats;
import org.vestis.train.TrainingProgress;

import java.io.PrintStream;
import java.util.Locale;

/** A progress bar per epoch (rate and ETA) and one summary line per epoch. */
final class ConsoleTrainingProgress implements TrainingProgress {
    private final PrintStream out;
    private ProgressBar bar;
    private int maxEpochs;

    ConsoleTrainingProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void epochStarted(int epoch, int maxEpochs, long images) {
        this.maxEpochs = maxEpochs;
        bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, maxEpochs)).setInitialMax(images)
                .setUnit(" img", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                .continuousUpdate().build();
    }

    @Override
    public void imagesDone(long images) {
        bar.stepBy(images);
        if (bar.getCurrent() >= bar.getMax()) {
            // Stop the bar before validation starts, or it keeps ticking with a falling rate.
            bar.close();
        }
    }

    @Override
    public void epochFinished(EpochStats s, boolean improved) {
        out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.2f%%  val_loss %.4f  val_acc %.2f%%  lr %.5f  %.0fs (%.0f img/s)%s%n",
                s.epoch(), maxEpochs, s.trainLoss(), 100 * s.trainAccuracy(), s.validationLoss(), 100 * s.validationAccuracy(),
                s.learningRate(), s.seconds(), s.imagesPerSecond(), improved ? "  *best" : "");
        out.flush();
    }
}
