package org.vestis.ablation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one grid run produced, read back from its bundle's model.json (or the error that stopped it).
 *
 * @param validationCurve validation accuracy per epoch
 * @param inferImagesPerSecond measured on this machine right after the run, batch 64, random input
 */
public record RunResult(String id, Map<String, String> settings, String status, String error, String bundle,
                        double testTop1, double testTop3, double macroF1, double bestValidationAccuracy,
                        int epochs, double trainingMinutes, long parameters, double inferImagesPerSecond,
                        List<Double> validationCurve) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public static RunResult failed(GridRun run, String error) {
        return new RunResult(run.id(), run.settings(), FAILED, error, null, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, 0, 0, Double.NaN, List.of());
    }

    public static RunResult fromModelJson(GridRun run, String bundle, JsonNode info, long parameters, double inferRate) {
        JsonNode metrics = info.path("metrics");
        JsonNode training = info.path("training");
        List<Double> curve = new ArrayList<>();
        double best = Double.NaN;
        for (JsonNode epoch : training.path("history")) {
            double v = epoch.path("validationAccuracy").asDouble();
            curve.add(v);
            best = Double.isNaN(best) ? v : Math.max(best, v);
        }
        return new RunResult(run.id(), run.settings(), OK, null, bundle,
                metrics.path("top1").asDouble(Double.NaN), metrics.path("top3").asDouble(Double.NaN),
                metrics.path("macroF1").asDouble(Double.NaN), best, training.path("epochsRun").asInt(curve.size()),
                training.path("trainingSeconds").asDouble() / 60, parameters, inferRate, curve);
    }

    public boolean ok() {
        return OK.equals(status);
    }
}
