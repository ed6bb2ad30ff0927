package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.ablation.AblationPlan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Plan mistakes that would make every run fail are found before the first run; a run of only failures is exit 1. */
class AblatePlanCheckTest extends ConsoleCommandTest {
    @TempDir
    Path dir;

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int ablate(String plan) throws Exception {
        Path file = Files.writeString(dir.resolve("plan.yaml"), plan);
        return run("ablate", file.toString(), "--report-dir", dir.resolve("reports").toString(), "--models-dir", dir.resolve("models").toString());
    }

    @Test
    void aMistypedTrainOptionAnUnknownPlaceholderOrAMissingConfigStopBeforeAnyRun() throws Exception {
        assertThat(ablate("name: t\nconfig: configs/fashion-mnist.yaml\ngrid:\n  architecure: [seed-cnn]\n")).isEqualTo(2);
        assertThat(stderr()).contains("'architecure' in", "is not a 'vestis train' option; did you mean 'architecture'?");
        assertThat(ablate("name: t\nconfig: configs/fashion-mnist.yaml\ntrain:\n  init: pretrained:models/{backbon}\n"
                + "grid:\n  backbone: [mobilenetv2]\n")).isEqualTo(2);
        assertThat(stderr()).contains("'{backbon}' in", "names no grid axis; the axes are backbone.");
        assertThat(ablate("name: t\nconfig: configs/no-such.yaml\ngrid:\n  seed: [1]\n")).isEqualTo(2);
        assertThat(stderr()).contains("The base config configs/no-such.yaml", "does not exist");
        assertThat(dir.resolve("reports")).as("nothing ran").doesNotExist();
    }

    @Test
    void whenEveryRunFailsTheExitCodeSaysSo() throws Exception {
        assertThat(ablate("name: t\nconfig: configs/fashion-mnist-seed-cnn.yaml\ntrain:\n  data-dir: " + dir.resolve("no-data")
                + "\n  epochs: 1\ngrid:\n  seed: [1]\n")).isEqualTo(1);
        assertThat(stderr()).contains("every run of t failed");
    }

    @Test
    void theShippedPlansPassTheCheck() throws Exception {
        try (var plans = Files.list(Path.of("configs"))) {
            for (Path plan : plans.filter(p -> p.getFileName().toString().startsWith("ablation-")).toList()) {
                AblateCommand.checkBeforeTheFirstRun(AblationPlan.load(plan), plan);
            }
        }
    }
}
