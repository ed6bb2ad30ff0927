package org.vestis.cli;

import org.vestis.data.Dataset;
import org.vestis.data.FashionMnistLocator;
import org.vestis.data.ImageFolder;
import org.vestis.data.PhotoSet;
import org.vestis.io.Json;
import org.vestis.train.Evaluator;
import org.vestis.train.Metrics;
import org.vestis.train.PhotoFeatures;
import org.vestis.train.ReportWriter;
import org.vestis.cli.options.FashionMnistDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.vestis.UserException;
import org.vestis.data.FashionMnist;
import org.vestis.model.ModelBundle;
import org.vestis.model.ViewAverage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `vestis evaluate MODEL`: top-1, top-3, per-class figures (and the confusion matrix) on Fashion-MNIST or a photo folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a model bundle: top-1, top-3, per-class figures and a confusion matrix.",
                "A Fashion-MNIST model on the 10,000 test images, or any model on --images DIR, a folder of class",
                "subfolders named like the bundle's labels."})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model bundle directory.")
    Path model;
    @Option(names = "--images", description = "Folder of class subfolders (DIR/<label>/*.jpg) to evaluate on.")
    Path images;
    @Mixin
    FashionMnistDirOption dataDir;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N test images (0 = all).")
    int limit;
    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new UserException("--limit must be 0 (all test images) or more, not " + limit + ".");
        }
        ModelBundle bundle = ModelBundle.load(model).forInference();
        long start = System.nanoTime();
        Metrics m;
        int skipped = 0;
        String what;
        if (images != null) {
            PhotoSet photos = ImageFolder.read(images, bundle.info().labels());
            // The folder lists photos class by class: a limit takes a seeded sample of all classes, not the first ones.
            photos = limit > 0 ? photos.shuffled(0).limit(limit) : photos;
            PhotoFeatures probs = PhotoFeatures.compute(bundle::output, bundle.info().input(), bundle.info().preprocessing(),
                    photos, null, 0, 32, PhotoFeatures.Progress.NONE);
            if (probs.labels().length == 0) {
                throw new UserException("None of the " + photos.size() + " photos in " + images + " could be read.");
            }
            m = Metrics.of(probs.labels(), probs.probabilities(), bundle.info().labels());
            skipped = probs.skipped();
            what = "photos in " + images;
        } else {
            if (!"fashion-mnist".equals(bundle.info().dataset())) {
                throw new UserException(model + " was trained on " + bundle.info().dataset()
                        + ", not Fashion-MNIST; evaluate it on photos with --images DIR (class subfolders named like its labels).");
            }
            Dataset test = FashionMnist.test(FashionMnistLocator.standard().locate(dataDir.path())).limit(limit);
            m = Evaluator.evaluate(bundle::output, test, bundle.info().labels());
            what = "test images";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.toString());
            if (images != null) {
                out.put("folder", images.toString());
                out.put("skippedUnreadable", skipped);
            }
            out.put("images", m.count());
            out.put("top1", m.top1());
            out.put("top3", m.top3());
            out.put("macroPrecision", m.macroPrecision());
            out.put("macroRecall", m.macroRecall());
            out.put("macroF1", m.macroF1());
            out.put("loss", m.loss());
            out.put("perClass", m.perClass());
            out.put("labels", bundle.info().labels());
            out.put("confusion", m.confusion());
            out.put("imagesPerSecond", m.count() / seconds);
            System.out.println(Json.MAPPER.writeValueAsString(out));
            return 0;
        }
        int views = ViewAverage.count(bundle.info().preprocessing());
        System.out.printf(Locale.ROOT, "%s on %d %s: top-1 %s, top-3 %s, macro F1 %s (%.0f img/s%s)%s%n%n", model, m.count(), what,
                ReportWriter.pct(m.top1()), ReportWriter.pct(m.top3()), ReportWriter.pct(m.macroF1()), m.count() / seconds,
                views == 1 ? "" : ", " + views + " views each", skipped == 0 ? "" : "; " + skipped + " unreadable images skipped");
        System.out.printf("%-12s %8s %10s %8s %8s%n", "class", "support", "precision", "recall", "F1");
        for (Metrics.ClassMetrics c : m.perClass()) {
            System.out.printf(Locale.ROOT, "%-12s %8d %10s %8s %8s%n", c.label(), c.support(), ReportWriter.pct(c.precision()),
                    ReportWriter.pct(c.recall()), ReportWriter.pct(c.f1()));
        }
        if (images != null) {
            printConfusion(m, bundle.info().labels());
        }
        return 0;
    }

    /** Rows: true class; columns: predicted class, numbered as the rows. */
    private static void printConfusion(Metrics m, List<String> labels) {
        System.out.println();
        System.out.println("confusion matrix (rows: true class, columns: predicted, in the same order)");
        StringBuilder header = new StringBuilder(String.format("%-15s", ""));
        for (int j = 0; j < labels.size(); j++) {
            header.append(String.format("%5d", j + 1));
        }
        System.out.println(header);
        for (int i = 0; i < labels.size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%2d %-12s", i + 1, labels.get(i)));
            for (int j = 0; j < labels.size(); j++) {
                row.append(String.format("%5d", m.confusion()[i][j]));
            }
            System.out.println(row);
        }
    }
}
