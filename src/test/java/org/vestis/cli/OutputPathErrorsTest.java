package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Flag values that cannot mean what they say are one sentence and exit code 2, leaving nothing behind. */
class OutputPathErrorsTest extends ConsoleCommandTest {
    @TempDir
    Path dir;

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void predictCsvOntoAFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
        assertThat(run("predict", "models/fashion-mnist-seed-cnn", "src/test/resources/photos", "--csv", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--csv " + dir + " is a folder").doesNotContain("\tat ");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no stray temporary file").isEmpty();
        }
    }

    @Test
    void aNegativeEvaluateLimitIsRefusedInsteadOfMeaningAll() {
        assertThat(run("evaluate", "models/fashion-mnist-seed-cnn", "--data-dir", CliTest.SAMPLE, "--limit", "-5")).isEqualTo(2);
        assertThat(stderr()).contains("--limit must be 0 (all test images) or more, not -5.");
    }
}
