package org.vestis.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** report.md: the test-set figures (top-1, top-3, per-class precision/recall/F1, macro averages) and the training history. */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static String render(String title, Metrics test, List<EpochStats> history, String trainingSummary) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append(trainingSummary).append("\n\n");
        md.append("## Test set (").append(test.count()).append(" images)\n\n");
        md.append("| metric | value |\n| --- | ---: |\n");
        md.append(row("top-1 accuracy", pct(test.top1())));
        md.append(row("top-3 accuracy", pct(test.top3())));
        md.append(row("macro precision", pct(test.macroPrecision())));
        md.append(row("macro recall", pct(test.macroRecall())));
        md.append(row("macro F1", pct(test.macroF1())));
        md.append(row("mean cross-entropy", String.format(Locale.ROOT, "%.4f", test.loss())));
        md.append("\n## Per class\n\n| class | support | precision | recall | F1 |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (Metrics.ClassMetrics c : test.perClass()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", c.label(), c.support(), pct(c.precision()), pct(c.recall()), pct(c.f1())));
        }
        md.append("\n![confusion matrix](confusion-matrix.png)\n");
        if (!history.isEmpty()) {
            md.append("\n## Training history\n\n![training curves](training-curves.png)\n\n");
            md.append("| epoch | learning rate | train loss | train acc. | val. loss | val. acc. | seconds | img/s |\n");
            md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (EpochStats e : history) {
                md.append(String.format(Locale.ROOT, "| %d | %.5f | %.4f | %s | %.4f | %s | %.0f | %.0f |%n", e.epoch(), e.learningRate(),
                        e.trainLoss(), pct(e.trainAccuracy()), e.validationLoss(), pct(e.validationAccuracy()), e.seconds(), e.imagesPerSecond()));
            }
            md.append("\nTrain loss: running mean over the epoch's minibatches (dropout and augmentation on). "
                    + "Train accuracy: inference mode on a fixed sample of 5,000 training images.\n");
        }
        return md.toString();
    }

    public static void write(Path file, String markdown) throws IOException {
        Files.writeString(file, markdown);
    }

    public static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |\n";
    }
}
