package org.vestis.cli;

import org.vestis.UserException;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.data.FashionMnistLocator;
import org.vestis.model.ModelBundle;
import org.vestis.train.Evaluator;
import org.vestis.train.Metrics;
import org.vestis.train.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `vestis evaluate MODEL`: top-1, top-3 and per-class figures on the Fashion-MNIST test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure a Fashion-MNIST model bundle on the 10,000 test images.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model bundle directory.")
    Path model;
    @Option(names = "--data-dir", description = "Directory with the Fashion-MNIST .gz files.")
    Path dataDir;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N test images (0 = all).")
    int limit;
    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.load(model);
        if (!"fashion-mnist".equals(bundle.info().dataset())) {
            throw new UserException(model + " was trained on " + bundle.info().dataset() + ", not Fashion-MNIST; evaluate it on its own data.");
        }
        Dataset test = FashionMnist.test(FashionMnistLocator.standard().locate(dataDir)).limit(limit);
        long start = System.nanoTime();
        Metrics m = Evaluator.evaluate(bundle.network(), test, bundle.info().labels());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.toString());
            out.put("images", m.count());
            out.put("top1", m.top1());
            out.put("top3", m.top3());
            out.put("macroPrecision", m.macroPrecision());
            out.put("macroRecall", m.macroRecall());
            out.put("macroF1", m.macroF1());
            out.put("loss", m.loss());
            out.put("perClass", m.perClass());
            out.put("confusion", m.confusion());
            out.put("imagesPerSecond", m.count() / seconds);
            System.out.println(ModelBundle.JSON.writeValueAsString(out));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s on %d test images: top-1 %s, top-3 %s, macro F1 %s (%.0f img/s)%n%n", model, m.count(),
                ReportWriter.pct(m.top1()), ReportWriter.pct(m.top3()), ReportWriter.pct(m.macroF1()), m.count() / seconds);
        System.out.printf("%-12s %8s %10s %8s %8s%n", "class", "support", "precision", "recall", "F1");
        for (Metrics.ClassMetrics c : m.perClass()) {
            System.out.printf(Locale.ROOT, "%-12s %8d %10s %8s %8s%n", c.label(), c.support(), ReportWriter.pct(c.precision()),
                    ReportWriter.pct(c.recall()), ReportWriter.pct(c.f1()));
        }
        return 0;
    }
}
