package org.vestis.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import org.vestis.io.Json;
import org.vestis.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan's grid one run after the other. Results, report and charts are rewritten after every run, so an
 * interrupted grid keeps everything finished so far; started again, it skips finished runs, continues an
 * interrupted one from its last checkpoint, and tries failed ones again. A failed run is recorded with its
 * error and the grid goes on.
 */
public final class AblationRunner {
    /** Told about each run as the grid goes. */
    public interface Listener {
        void starting(GridRun run, int index, int total);

        void finished(RunResult result);
    }

    private final AblationPlan plan;
    private final Path reportDir;
    private final Path bundlesDir;

    /** @param reportDir where results and report go; @param bundlesDir where each run's model bundle goes */
    public AblationRunner(AblationPlan plan, Path reportDir, Path bundlesDir) {
        this.plan = plan;
        this.reportDir = reportDir;
        this.bundlesDir = bundlesDir;
    }

    public List<RunResult> run(Listener listener) throws IOException, InterruptedException {
        Map<String, RunResult> results = new LinkedHashMap<>();
        Map<String, RunResult> earlier = new LinkedHashMap<>();
        ResultsFiles.read(reportDir).forEach(r -> earlier.put(r.id(), r));
        List<GridRun> runs = plan.runs();
        for (GridRun run : runs) {
            RunResult done = earlier.get(run.id());
            if (done != null && done.ok()) {
                results.put(run.id(), done);
            }
        }
        int index = 0;
        for (GridRun run : runs) {
            index++;
            if (results.containsKey(run.id())) {
                continue;
            }
            listener.starting(run, index, runs.size());
            RunResult result = runOne(run);
            results.put(run.id(), result);
            List<RunResult> inPlanOrder = inPlanOrder(runs, results);
            ResultsFiles.write(reportDir, inPlanOrder);
            AblationReport.write(plan, inPlanOrder, reportDir);
            listener.finished(result);
        }
        List<RunResult> all = inPlanOrder(runs, results);
        ResultsFiles.write(reportDir, all);
        AblationReport.write(plan, all, reportDir);
        return all;
    }

    private RunResult runOne(GridRun run) throws IOException, InterruptedException {
        Path out = bundlesDir.resolve(run.id());
        // The trainer keeps its checkpoint beside the bundle: an interrupted run continues from it.
        boolean resume = Files.isRegularFile(out.resolveSibling("." + out.getFileName() + ".checkpoint").resolve("state.json"));
        Path log = bundlesDir.resolve("logs").resolve(run.id() + ".log");
        String error = TrainProcess.run(run.trainArguments(plan.config().toString(), out.toString(), resume), log);
        if (error != null) {
            return RunResult.failed(run, error + " (log: " + log + ")");
        }
        try {
            ModelBundle bundle = ModelBundle.load(out);
            JsonNode info = Json.MAPPER.readTree(out.resolve(ModelBundle.INFO_FILE).toFile());
            return RunResult.fromModelJson(run, out.toString(), info, bundle.model().numParams(), InferenceSpeed.measure(bundle.forInference()));
        } catch (RuntimeException e) {
            return RunResult.failed(run, "the bundle it wrote cannot be used: " + e.getMessage());
        }
    }

    private static List<RunResult> inPlanOrder(List<GridRun> runs, Map<String, RunResult> results) {
        List<RunResult> ordered = new ArrayList<>();
        for (GridRun run : runs) {
            RunResult r = results.get(run.id());
            if (r != null) {
                ordered.add(r);
            }
        }
        return ordered;
    }
}
