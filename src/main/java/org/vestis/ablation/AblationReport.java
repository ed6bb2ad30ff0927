package org.vestis.ablation;

import org.vestis.io.OutputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** report.md and the charts of an ablation: every run, the effect of each axis, the spread over seeds. */
final class AblationReport {
    static final String FILE = "report.md";
    private static final String SEED = "seed";
    private static final String INIT = "init";

    private AblationReport() {
    }

    static void write(AblationPlan plan, List<RunResult> results, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> compared = plan.grid().keySet().stream().filter(a -> !a.equals(SEED)).toList();
        String xAxis = compared.isEmpty() ? SEED : compared.get(0);
        // Bars per value of the first axis, grouped by initialisation when the grid varies it (the question these
        // grids exist for), else by the last axis.
        String seriesAxis = compared.size() < 2 ? null
                : compared.contains(INIT) && !xAxis.equals(INIT) ? INIT : compared.get(compared.size() - 1);
        AblationCharts.accuracy(xAxis, plan.grid().get(xAxis), seriesAxis, seriesAxis == null ? List.of() : plan.grid().get(seriesAxis),
                results, dir.resolve(AblationCharts.ACCURACY));
        AblationCharts.validationCurves(results, dir.resolve(AblationCharts.CURVES));
        AblationCharts.accuracyVersusSpeed(xAxis, plan.grid().get(xAxis), results, dir.resolve(AblationCharts.SPEED));
        Path tmp = OutputFiles.partName(dir.resolve(FILE));
        Files.writeString(tmp, render(plan, results));
        OutputFiles.publish(tmp, dir.resolve(FILE));
    }

    static String render(AblationPlan plan, List<RunResult> results) {
        StringBuilder md = new StringBuilder();
        int total = plan.runs().size();
        long ok = results.stream().filter(RunResult::ok).count();
        md.append("# Ablation: ").append(plan.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d of %d runs finished, %d failed (%s; %d cores, %s).%n%n", ok, total,
                results.size() - ok, LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch")));
        md.append("Every run starts from `").append(plan.config()).append("`");
        if (!plan.train().isEmpty()) {
            md.append(" with ").append(settings(plan.train()));
        }
        md.append("; the grid: ").append(plan.grid().entrySet().stream()
                .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(Collectors.joining(" x "))).append(".\n");
        md.append("Each run is `vestis train` with those flags; its bundle and log are under models/ablations/")
                .append(plan.name()).append("/.\n\n");

        md.append("## Runs\n\n| ");
        plan.grid().keySet().forEach(a -> md.append(a).append(" | "));
        md.append("test top-1 | test top-3 | macro F1 | best val. top-1 | epochs | minutes | parameters | infer img/s | status |\n|");
        md.append(" --- |".repeat(plan.grid().size())).append(" ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (RunResult r : results) {
            md.append("| ");
            plan.grid().keySet().forEach(a -> md.append(r.settings().get(a)).append(" | "));
            md.append(pct(r.testTop1())).append(" | ").append(pct(r.testTop3())).append(" | ").append(pct(r.macroF1())).append(" | ")
                    .append(pct(r.bestValidationAccuracy())).append(" | ").append(r.ok() ? r.epochs() : "").append(" | ")
                    .append(r.ok() ? String.format(Locale.ROOT, "%.1f", r.trainingMinutes()) : "").append(" | ")
                    .append(r.ok() ? String.format(Locale.ROOT, "%,d", r.parameters()) : "").append(" | ")
                    .append(r.ok() ? String.format(Locale.ROOT, "%.0f", r.inferImagesPerSecond()) : "").append(" | ")
                    .append(r.ok() ? "ok" : "failed: " + r.error().replace("|", "/")).append(" |\n");
        }

        md.append("\n## Effect of each axis on test top-1\n");
        for (Map.Entry<String, List<String>> axis : plan.grid().entrySet()) {
            if (axis.getValue().size() < 2) {
                continue;
            }
            md.append("\n### ").append(axis.getKey()).append("\n\n| value | runs | mean | sd | min | max | paired difference vs ")
                    .append(axis.getValue().get(0)).append(" (mean, sd, pairs) |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (Map.Entry<String, AxisEffects.Summary> e : AxisEffects.byValue(axis.getKey(), axis.getValue(), results).entrySet()) {
                AxisEffects.Summary s = e.getValue();
                String paired = "";
                if (!e.getKey().equals(axis.getValue().get(0))) {
                    AxisEffects.Summary d = AxisEffects.pairedDifference(axis.getKey(), axis.getValue().get(0), e.getKey(), results);
                    paired = d.n() == 0 ? "no pairs" : String.format(Locale.ROOT, "%+.2f points, sd %.2f, %d pairs", 100 * d.mean(), 100 * d.sd(), d.n());
                }
                md.append("| ").append(e.getKey()).append(" | ").append(s.n()).append(" | ").append(pct(s.mean())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", 100 * s.sd())).append(" | ").append(pct(s.min())).append(" | ")
                        .append(pct(s.max())).append(" | ").append(paired).append(" |\n");
            }
        }
        md.append(verdicts(plan, results));
        if (plan.grid().containsKey(SEED) && plan.grid().get(SEED).size() > 1) {
            md.append("\n## Spread over seeds\n\n| setting | seeds | mean test top-1 | sd | min | max |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
            AxisEffects.over(SEED, results).forEach((k, s) -> md.append("| ").append(k.isBlank() ? "(all)" : k).append(" | ").append(s.n())
                    .append(" | ").append(pct(s.mean())).append(" | ").append(String.format(Locale.ROOT, "%.2f", 100 * s.sd()))
                    .append(" | ").append(pct(s.min())).append(" | ").append(pct(s.max())).append(" |\n"));
        }
        md.append("\n## Charts\n\n![accuracy](").append(AblationCharts.ACCURACY).append(")\n\n![validation curves](")
                .append(AblationCharts.CURVES).append(")\n\n![accuracy versus speed](").append(AblationCharts.SPEED).append(")\n");
        return md.toString();
    }

    /**
     * One plain sentence per compared value: its paired difference against the axis's first value, set against
     * how far two seeds of one setting typically land apart. "Clear" needs the mean difference to exceed twice
     * that seed-to-seed range with every pair on the same side (a pair with no change at all breaks that).
     */
    static String verdicts(AblationPlan plan, List<RunResult> results) {
        double seedRange = seedRange(results);
        StringBuilder md = new StringBuilder("\n## Verdicts\n\n");
        if (Double.isNaN(seedRange)) {
            md.append("No setting ran with two or more seeds, so differences cannot be told from seed noise.\n");
        }
        for (Map.Entry<String, List<String>> axis : plan.grid().entrySet()) {
            String baseline = axis.getValue().get(0);
            for (String value : axis.getValue().subList(1, axis.getValue().size())) {
                AxisEffects.Summary d = AxisEffects.pairedDifference(axis.getKey(), baseline, value, results);
                if (axis.getKey().equals(SEED) || d.n() == 0 || Double.isNaN(seedRange)) {
                    continue;
                }
                boolean sameSide = d.min() > 0 || d.max() < 0;
                boolean large = Math.abs(d.mean()) > 2 * seedRange;
                String verdict = !large ? "within seed noise"
                        : sameSide ? "a clear difference"
                        : "large on average but not in every pair (it depends on the other settings)";
                md.append(String.format(Locale.ROOT, "- `%s` %s against %s: %+.2f points on average over %d paired runs "
                                + "(from %+.2f to %+.2f), against a typical seed-to-seed range of %.2f points: %s.%n",
                        axis.getKey(), value, baseline, 100 * d.mean(), d.n(), 100 * d.min(), 100 * d.max(), 100 * seedRange, verdict));
            }
        }
        return md.toString();
    }

    /** Mean over the grid's settings of the range (max - min) of test top-1 across their seeds; NaN without seeds. */
    private static double seedRange(List<RunResult> results) {
        return AxisEffects.over(SEED, results).values().stream().filter(s -> s.n() > 1)
                .mapToDouble(s -> s.max() - s.min()).average().orElse(Double.NaN);
    }

    private static String settings(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add("`--" + k + " " + v + "`"));
        return String.join(", ", parts);
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
