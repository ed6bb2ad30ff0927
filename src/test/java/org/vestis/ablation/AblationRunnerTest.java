package org.vestis.ablation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real two-run grid: real training in child JVMs on the 600-image fixture, one run made to fail. */
class AblationRunnerTest {
    @TempDir
    Path dir;

    @Test
    void recordsAFailedRunGoesOnAndSkipsFinishedRunsWhenStartedAgain() throws Exception {
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, """
                name: tiny
                config: configs/fashion-mnist.yaml
                train:
                  data-dir: src/test/resources/fashion-mnist-sample
                  epochs: 1
                  augment: false
                  schedule: constant
                grid:
                  architecture: [seed-cnn, no-such-net]
                  learning-rate: [0.001]
                """);
        AblationPlan plan = AblationPlan.load(planFile);
        Path report = dir.resolve("report");
        Path models = dir.resolve("models");
        List<String> started = new ArrayList<>();
        AblationRunner.Listener listener = new AblationRunner.Listener() {
            @Override
            public void starting(GridRun run, int index, int total) {
                started.add(run.id());
            }

            @Override
            public void finished(RunResult result) {
            }
        };

        List<RunResult> results = new AblationRunner(plan, report, models).run(listener);

        assertThat(results).hasSize(2);
        RunResult ok = results.get(0);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.testTop1()).isBetween(0.3, 1.0); // 540 images, one epoch: well above chance (0.1)
        assertThat(ok.epochs()).isEqualTo(1);
        assertThat(ok.parameters()).isGreaterThan(1000);
        assertThat(ok.inferImagesPerSecond()).isPositive();
        assertThat(ok.validationCurve()).hasSize(1);
        assertThat(models.resolve(ok.id()).resolve("model.json")).isRegularFile();
        RunResult failed = results.get(1);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).contains("exit code 2").contains("Unknown architecture 'no-such-net'");
        assertThat(report.resolve("results.csv")).content().hasLineCount(3).contains("failed");
        assertThat(report.resolve("report.md")).content().contains("| seed-cnn | 0.001 |").contains("failed: exit code 2");
        assertThat(report.resolve(AblationCharts.ACCURACY)).isRegularFile();
        assertThat(report.resolve(AblationCharts.CURVES)).isRegularFile();
        assertThat(report.resolve(AblationCharts.SPEED)).isRegularFile();

        started.clear();
        List<RunResult> again = new AblationRunner(plan, report, models).run(listener);
        assertThat(started).containsExactly(failed.id()); // the finished run is kept, the failed one tried again
        assertThat(again.get(0)).isEqualTo(ok);
    }
}
