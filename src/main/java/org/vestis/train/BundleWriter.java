package org.vestis.train;

import org.vestis.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Saves a trained bundle with its training curves, test confusion matrix and report.md, in one step. */
final class BundleWriter {
    private BundleWriter() {
    }

    static void save(ModelBundle bundle, Path out, List<EpochStats> history, Metrics test, String report) throws IOException {
        Path extras = Files.createTempDirectory("vestis-report");
        try {
            Charts.trainingCurves(history, extras.resolve("training-curves.png"));
            Charts.confusionMatrix(test.confusion(), bundle.info().labels(), extras.resolve("confusion-matrix.png"));
            ReportWriter.write(extras.resolve("report.md"), report);
            bundle.save(out, extras);
        } finally {
            ModelBundle.deleteRecursively(extras);
        }
    }
}
