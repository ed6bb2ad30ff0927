package org.vestis.ablation;

import com.fasterxml.jackson.core.type.TypeReference;
import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** results.json (everything, read back on resume) and results.csv (one flat row per run), written atomically. */
final class ResultsFiles {
    static final String JSON_FILE = "results.json";
    static final String CSV_FILE = "results.csv";

    private ResultsFiles() {
    }

    static List<RunResult> read(Path dir) {
        Path file = dir.resolve(JSON_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<List<RunResult>>() { });
        } catch (IOException e) {
            throw new UserException("Cannot read the earlier results " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to start the grid afresh.", e);
        }
    }

    static void write(Path dir, List<RunResult> results) throws IOException {
        Files.createDirectories(dir);
        Path json = OutputFiles.partName(dir.resolve(JSON_FILE));
        Json.MAPPER.writeValue(json.toFile(), results);
        OutputFiles.publish(json, dir.resolve(JSON_FILE));
        Path csv = OutputFiles.partName(dir.resolve(CSV_FILE));
        Files.writeString(csv, csv(results));
        OutputFiles.publish(csv, dir.resolve(CSV_FILE));
    }

    static String csv(List<RunResult> results) {
        Set<String> keys = new LinkedHashSet<>();
        results.forEach(r -> keys.addAll(r.settings().keySet()));
        StringBuilder sb = new StringBuilder("run");
        keys.forEach(k -> sb.append(',').append(k));
        sb.append(",status,test_top1,test_top3,macro_f1,best_val_accuracy,epochs,training_minutes,parameters,infer_images_per_s,error\n");
        for (RunResult r : results) {
            List<String> cells = new ArrayList<>();
            cells.add(r.id());
            keys.forEach(k -> cells.add(r.settings().getOrDefault(k, "")));
            cells.add(r.status());
            for (double v : new double[]{r.testTop1(), r.testTop3(), r.macroF1(), r.bestValidationAccuracy()}) {
                cells.add(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            cells.add(Integer.toString(r.epochs()));
            cells.add(String.format(Locale.ROOT, "%.2f", r.trainingMinutes()));
            cells.add(Long.toString(r.parameters()));
            cells.add(Double.isNaN(r.inferImagesPerSecond()) ? "" : String.format(Locale.ROOT, "%.1f", r.inferImagesPerSecond()));
            cells.add(r.error() == null ? "" : r.error());
            sb.append(String.join(",", cells.stream().map(ResultsFiles::quote).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
