package org.vestis.ablation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AblationPlanTest {
    @TempDir
    Path dir;

    @Test
    void expandsTheGridFirstAxisSlowestWithSharedSettingsUnderIt() throws IOException {
        AblationPlan plan = AblationPlan.load(write("""
                name: demo
                config: configs/fashion-mnist.yaml
                train: {epochs: 2, learning-rate: 0.5}
                grid:
                  architecture: [seed-cnn, fashion-cnn]
                  learning-rate: [0.01, 0.001]
                """));
        List<GridRun> runs = plan.runs();
        assertThat(runs).extracting(GridRun::id).containsExactly(
                "architecture-seed-cnn_learning-rate-0.01", "architecture-seed-cnn_learning-rate-0.001",
                "architecture-fashion-cnn_learning-rate-0.01", "architecture-fashion-cnn_learning-rate-0.001");
        // The axis value wins over the shared setting of the same name.
        assertThat(runs.get(0).settings()).containsEntry("learning-rate", "0.01").containsEntry("epochs", "2");
        assertThat(runs.get(0).trainArguments("c.yaml", "models/x", true)).containsExactly("train", "--config", "c.yaml",
                "--out", "models/x", "--overwrite", "--epochs", "2", "--learning-rate", "0.01", "--architecture", "seed-cnn", "--resume");
    }

    @Test
    void aValueMayReferToAnotherAxis() {
        GridRun run = new GridRun(new java.util.LinkedHashMap<>(java.util.Map.of("backbone", "mobilenetv2")),
                java.util.Map.of("init", "pretrained:models/{backbone}-imagenet"));
        assertThat(run.trainArguments("c.yaml", "models/x", false)).containsSubsequence("--init", "pretrained:models/mobilenetv2-imagenet");
        // Reports group by the plan's wording, so all pretrained runs stay one group.
        assertThat(run.settings()).containsEntry("init", "pretrained:models/{backbone}-imagenet");
    }

    @Test
    void badPlansGetOneClearSentence() throws IOException {
        assertThatThrownBy(() -> AblationPlan.load(dir.resolve("missing.yaml"))).isInstanceOf(UserException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> AblationPlan.load(write("name: x\ngrids: {seed: [1]}\n"))).isInstanceOf(UserException.class)
                .hasMessageContaining("Unknown key 'grids'");
        assertThatThrownBy(() -> AblationPlan.load(write("name: x\ngrid: {seed: 1}\n"))).isInstanceOf(UserException.class)
                .hasMessageContaining("must be a non-empty list");
        assertThatThrownBy(() -> AblationPlan.load(write("name: x\ngrid: {}\n"))).isInstanceOf(UserException.class)
                .hasMessageContaining("no 'grid' axes");
        assertThatThrownBy(() -> AblationPlan.load(write("name: x\ntrain: {out: m}\ngrid: {seed: [1]}\n"))).isInstanceOf(UserException.class)
                .hasMessageContaining("set by the ablation runner");
        assertThatThrownBy(() -> AblationPlan.load(write("name: a/b\ngrid: {seed: [1]}\n"))).isInstanceOf(UserException.class)
                .hasMessageContaining("needs a 'name'");
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "plan", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
