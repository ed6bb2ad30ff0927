package org.vestis.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Test accuracy summarised per value of one grid axis, and paired against the axis's first value. */
final class AxisEffects {
    /** Mean, spread and count of a set of accuracies. */
    record Summary(int n, double mean, double sd, double min, double max) {
        static Summary of(List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = n < 2 ? 0 : values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
            return new Summary(n, mean, Math.sqrt(var), values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        }
    }

    private AxisEffects() {
    }

    /** Test top-1 of the finished runs, grouped by their value of {@code axis}, in the plan's value order. */
    static Map<String, Summary> byValue(String axis, List<String> values, List<RunResult> results) {
        Map<String, Summary> out = new LinkedHashMap<>();
        for (String v : values) {
            List<Double> acc = results.stream().filter(RunResult::ok)
                    .filter(r -> v.equals(r.settings().get(axis))).map(RunResult::testTop1).toList();
            if (!acc.isEmpty()) {
                out.put(v, Summary.of(acc));
            }
        }
        return out;
    }

    /**
     * Differences in test top-1 between runs with {@code value} and runs with {@code baseline} on {@code axis}
     * that agree on every other setting (same seed, same everything else): the fair comparison.
     */
    static Summary pairedDifference(String axis, String baseline, String value, List<RunResult> results) {
        List<Double> diffs = new ArrayList<>();
        for (RunResult r : results) {
            if (!r.ok() || !value.equals(r.settings().get(axis))) {
                continue;
            }
            for (RunResult b : results) {
                if (b.ok() && baseline.equals(b.settings().get(axis)) && sameExcept(axis, r, b)) {
                    diffs.add(r.testTop1() - b.testTop1());
                }
            }
        }
        return Summary.of(diffs);
    }

    /** Test top-1 of the finished runs grouped by every axis except {@code axis} (e.g. the spread over seeds). */
    static Map<String, Summary> over(String axis, List<RunResult> results) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (r.ok()) {
                Map<String, String> rest = new LinkedHashMap<>(r.settings());
                rest.remove(axis);
                groups.computeIfAbsent(rest.toString().replaceAll("[{}]", ""), k -> new ArrayList<>()).add(r.testTop1());
            }
        }
        Map<String, Summary> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, Summary.of(v)));
        return out;
    }

    private static boolean sameExcept(String axis, RunResult a, RunResult b) {
        for (String k : a.settings().keySet()) {
            if (!k.equals(axis) && !Objects.equals(a.settings().get(k), b.settings().get(k))) {
                return false;
            }
        }
        return true;
    }
}
