package org.vestis.ablation;

import org.vestis.io.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ablation grid: a base training config, settings every run shares (the budget: epochs, minutes, sample
 * limits), and the grid axes. Every key is a `vestis train` flag without its dashes, so a grid can vary
 * anything training can (architecture, learning rate, seed, backbone, initialisation...).
 *
 * @param name   names the report directory benchmarks/ablations/NAME and the bundles under models/ablations/NAME
 * @param config the YAML whose train: section every run starts from
 * @param train  settings shared by all runs, applied over the config
 * @param grid   axis name to its values; the runs are all combinations, first axis slowest
 */
public record AblationPlan(String name, Path config, Map<String, String> train, Map<String, List<String>> grid) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("name", "config", "train", "grid");
    /** Keys the runner sets itself for every run. */
    private static final Set<String> RESERVED = Set.of("out", "config", "resume");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    public static AblationPlan load(Path file) {
        InputFiles.requireFile(file, "Ablation plan", "the shipped plans are configs/ablation-*.yaml.");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse("") + ".", e);
        }
        if (root == null || !root.isObject()) {
            throw new UserException(file + " must be a YAML mapping with the keys name, config, train and grid.");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new UserException("Unknown key '" + key + "' in " + file + "; an ablation plan has name, config, train and grid.");
            }
        }
        String name = root.path("name").asText("");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new UserException(file + " needs a 'name' made of letters, digits, '.', '_' or '-' (it names the report directory).");
        }
        Path config = Path.of(root.path("config").asText("configs/fashion-mnist.yaml"));
        Map<String, String> train = new LinkedHashMap<>();
        root.path("train").fields().forEachRemaining(e -> train.put(checkKey(file, e.getKey()), scalar(file, e.getKey(), e.getValue())));
        Map<String, List<String>> grid = new LinkedHashMap<>();
        root.path("grid").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new UserException("Grid axis '" + e.getKey() + "' in " + file + " must be a non-empty list, e.g. [0.01, 0.001].");
            }
            e.getValue().forEach(v -> values.add(scalar(file, e.getKey(), v)));
            grid.put(checkKey(file, e.getKey()), values);
        });
        if (grid.isEmpty()) {
            throw new UserException(file + " has no 'grid' axes; give at least one, e.g. learning-rate: [0.01, 0.001].");
        }
        checkPlaceholders(file, train, grid);
        return new AblationPlan(name, config, train, grid);
    }

    /** All combinations of the grid, each with the shared settings under it. */
    public List<GridRun> runs() {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combos) {
                for (String value : axis.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), value);
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos.stream().map(c -> new GridRun(c, train)).toList();
    }

    /** A value's {axis} must name a grid axis: a typo such as {backbon} would reach every run as text. */
    private static void checkPlaceholders(Path file, Map<String, String> train, Map<String, List<String>> grid) {
        List<String> values = new ArrayList<>(train.values());
        grid.values().forEach(values::addAll);
        for (String value : values) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                if (!grid.containsKey(m.group(1))) {
                    throw new UserException("'{" + m.group(1) + "}' in " + file + " names no grid axis; the axes are "
                            + String.join(", ", grid.keySet()) + ".");
                }
            }
        }
    }

    private static String checkKey(Path file, String key) {
        if (RESERVED.contains(key)) {
            throw new UserException("'" + key + "' in " + file + " is set by the ablation runner for each run; remove it.");
        }
        return key;
    }

    private static String scalar(Path file, String key, JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new UserException("'" + key + "' in " + file + " must be a single value (a number, word or true/false).");
        }
        return v.asText();
    }
}
