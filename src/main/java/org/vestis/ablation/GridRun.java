package org.vestis.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One cell of the grid: its own axis values, and the settings all runs share.
 *
 * @param axes   the grid values that make this run different, in axis order
 * @param shared the plan's common settings (the budget)
 */
public record GridRun(Map<String, String> axes, Map<String, String> shared) {
    /** A file-name-safe id from the axis values, e.g. "architecture-seed-cnn_learning-rate-0.01_seed-1". */
    public String id() {
        return axes.entrySet().stream()
                .map(e -> e.getKey() + "-" + e.getValue())
                .collect(Collectors.joining("_"))
                .replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Every setting of the run as the plan writes it: the shared ones, then the axis values (which win). */
    public Map<String, String> settings() {
        Map<String, String> all = new LinkedHashMap<>(shared);
        all.putAll(axes);
        return all;
    }

    /**
     * The settings with references to axes filled in: a value may name another axis in braces, e.g.
     * {@code pretrained:models/{backbone}-imagenet}, for a setting that depends on it. Grouping in the report
     * keeps the plan's wording; training gets these.
     */
    private Map<String, String> resolvedSettings() {
        Map<String, String> all = settings();
        all.replaceAll((key, value) -> {
            String resolved = value;
            for (Map.Entry<String, String> axis : axes.entrySet()) {
                resolved = resolved.replace("{" + axis.getKey() + "}", axis.getValue());
            }
            return resolved;
        });
        return all;
    }

    /** The `vestis train` arguments for this run. */
    public List<String> trainArguments(String config, String out, boolean resume) {
        // The runner owns its models folder: a run retried after a crash replaces what it left there.
        List<String> args = new ArrayList<>(List.of("train", "--config", config, "--out", out, "--overwrite"));
        resolvedSettings().forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        if (resume) {
            args.add("--resume");
        }
        return args;
    }
}
