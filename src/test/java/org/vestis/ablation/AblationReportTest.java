package org.vestis.ablation;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict sentences weigh each axis's paired difference against the spread over seeds. */
class AblationReportTest {
    @Test
    void aLargeConsistentGapIsClearAndASmallOneIsSeedNoise() {
        AblationPlan plan = new AblationPlan("x", Path.of("c.yaml"), Map.of(), new LinkedHashMap<>(Map.of(
                "init", List.of("pretrained", "random"), "lr", List.of("0.01", "0.001"), "seed", List.of("1", "2"))));
        List<RunResult> results = new ArrayList<>();
        for (GridRun run : plan.runs()) {
            Map<String, String> s = run.settings();
            double acc = (s.get("init").equals("pretrained") ? 0.80 : 0.30) + (s.get("lr").equals("0.01") ? 0.01 : 0.0)
                    + (s.get("seed").equals("2") ? 0.02 : 0.0);
            results.add(new RunResult(run.id(), s, RunResult.OK, null, "b", acc, acc, acc, acc, 1, 1, 1, 1, List.of(acc)));
        }
        String verdicts = AblationReport.verdicts(plan, results);
        assertThat(verdicts).contains("`init` random against pretrained: -50.00 points on average over 4 paired runs")
                .contains("typical seed-to-seed range of 2.00 points: a clear difference")
                .contains("`lr` 0.001 against 0.01: -1.00 points").contains("within seed noise");
    }
}
