package org.vestis.cli;

import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.vestis.UserException;
import org.vestis.data.ImageFolder;
import org.vestis.data.PhotoSet;
import org.vestis.data.ccp.SlotMetrics;
import org.vestis.model.ModelBundle;
import org.vestis.train.Metrics;
import org.vestis.train.PhotoFeatures;
import org.vestis.train.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `vestis garments-report MODEL --dataset DIR`: a garment bundle scored slot by slot on a garments-dataset's test
 * split, with the majority-class baseline per slot; appended to the bundle's report.md and written as
 * slot-metrics.json.
 */
@Command(name = "garments-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a garment model slot by slot on the test split of a dataset made by garments-dataset (accuracy over all",
                "classes, accuracy within the slot, the slot's majority-class baseline); adds a section to MODEL/report.md and writes",
                "MODEL/slot-metrics.json."})
final class GarmentsReportCommand implements Callable<Integer> {
    static final String SECTION = "## Garment slots (test split)";

    @Parameters(index = "0", paramLabel = "MODEL", description = "Bundle trained on the dataset's classes.")
    Path model;
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Folder written by garments-dataset (classes.csv, train/, test/).")
    Path dataset;
    @Option(names = "--split", defaultValue = "test", description = "Split to score (default: ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        Path classesFile = dataset.resolve("classes.csv");
        if (!Files.isRegularFile(classesFile) || !Files.isDirectory(dataset.resolve("train")) || !Files.isDirectory(dataset.resolve(split))) {
            throw new UserException(dataset + " is not a garments-dataset folder (it needs classes.csv, train/ and " + split + "/).");
        }
        Map<String, String> slotOf = new LinkedHashMap<>();
        for (String line : Files.readAllLines(classesFile).stream().skip(1).filter(l -> !l.isBlank()).toList()) {
            String[] f = line.split(",");
            slotOf.put(f[0].trim(), f[1].trim());
        }
        ModelBundle bundle = ModelBundle.load(model).forInference();
        List<String> labels = bundle.info().labels();
        for (String l : labels) {
            if (!slotOf.containsKey(l)) {
                throw new UserException(model + " has the class " + l + ", which " + classesFile + " does not list; score it on the dataset it was trained on.");
            }
        }
        int[] trainCounts = ImageFolder.read(dataset.resolve("train"), labels).classCounts();
        PhotoSet photos = ImageFolder.read(dataset.resolve(split), labels);
        long start = System.nanoTime();
        PhotoFeatures probs = PhotoFeatures.compute(bundle::singleViewOutput, bundle.info().input(), bundle.info().preprocessing(),
                photos, null, 0, 32, PhotoFeatures.Progress.NONE);
        float[][] p = probs.probabilities();
        Metrics m = Metrics.of(probs.labels(), p, labels);
        List<SlotMetrics.Slot> slots = SlotMetrics.of(labels, slotOf, probs.labels(), p, trainCounts);
        String section = markdown(m, slots, split, slotOf, trainCounts, labels);
        System.out.print(section);
        System.out.printf(Locale.ROOT, "Scored %d crops in %.1f s; wrote %s and %s.%n", m.count(), (System.nanoTime() - start) / 1e9,
                model.resolve("report.md"), model.resolve("slot-metrics.json"));
        writeReport(model.resolve("report.md"), section);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset.toString());
        json.put("split", split);
        json.put("crops", m.count());
        json.put("top1", m.top1());
        json.put("slots", slots);
        Path jsonFile = model.resolve("slot-metrics.json");
        Path part = OutputFiles.partName(jsonFile);
        Json.MAPPER.writeValue(part.toFile(), json);
        OutputFiles.publish(part, jsonFile);
        return 0;
    }

    static String markdown(Metrics m, List<SlotMetrics.Slot> slots, String split, Map<String, String> slotOf, int[] trainCounts, List<String> labels) {
        StringBuilder sb = new StringBuilder(SECTION.replace("test split", split + " split")).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%d crops of the %s split%s, one view each"
                + " as in the video pipeline; top-1 over all classes %s.%n%n", m.count(), split,
                split.equals("test") ? " (photos never seen in training or model choice)" : "", ReportWriter.pct(m.top1())));
        sb.append("| slot | crops | accuracy (all classes) | accuracy within the slot | right slot | majority-class baseline |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
        for (SlotMetrics.Slot s : slots) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s (%s) |%n", s.slot(), s.count(), ReportWriter.pct(s.accuracy()),
                    ReportWriter.pct(s.maskedAccuracy()), ReportWriter.pct(s.slotRight()), ReportWriter.pct(s.baseline()), s.majorityClass()));
        }
        sb.append("\nAccuracy within the slot takes the most probable class among the slot's own classes (the pipeline knows which body "
                + "region a crop comes from); a slot of one class is 100% there by construction. Right slot: the prediction over all "
                + "classes names a class of the crop's slot. Baseline: always the slot's most frequent training class.\n");
        sb.append("\n| class | slot | training crops | ").append(split).append(" crops | accuracy (all classes) | accuracy within the slot |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (SlotMetrics.Slot s : slots) {
            for (int r = 0; r < s.classes().size(); r++) {
                String c = s.classes().get(r);
                long support = 0;
                for (long v : s.maskedConfusion()[r]) {
                    support += v;
                }
                Metrics.ClassMetrics cm = m.perClass().get(labels.indexOf(c));
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s |%n", c, slotOf.get(c), trainCounts[labels.indexOf(c)], support,
                        ReportWriter.pct(cm.recall()), ReportWriter.pct(support == 0 ? Double.NaN : (double) s.maskedConfusion()[r][r] / support)));
            }
        }
        for (SlotMetrics.Slot s : slots) {
            if (s.classes().size() < 2) {
                continue;
            }
            sb.append("\n").append(s.slot()).append(" (rows: true class, columns: predicted within the slot)\n\n| |");
            s.classes().forEach(c -> sb.append(' ').append(c).append(" |"));
            sb.append("\n| --- |");
            s.classes().forEach(c -> sb.append(" ---: |"));
            sb.append('\n');
            for (int r = 0; r < s.classes().size(); r++) {
                sb.append("| ").append(s.classes().get(r)).append(" |");
                for (long v : s.maskedConfusion()[r]) {
                    sb.append(' ').append(v).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** report.md with the section added, or replaced when a previous run added it (other sections stay). */
    static void writeReport(Path report, String section) throws IOException {
        ReportSections.write(report, "## Garment slots (", section);
    }
}
