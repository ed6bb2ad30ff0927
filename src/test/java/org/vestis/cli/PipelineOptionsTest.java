package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * analyze and live share their pipeline flags and check them the same way: a bad setting in the config file, or a bad
 * flag value, is one sentence naming where it came from, exit code 2, before any model loads or window opens.
 */
class PipelineOptionsTest extends ConsoleCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aBadDetectorSettingInTheConfigIsOneSentenceInAnalyzeAndLive() throws Exception {
        Path config = Files.writeString(tmp.resolve("bad.yaml"), "pipeline:\n  detector: center\n  center-fraction: 1.5\n");
        String sentence = "vestis: In " + config + ": center-fraction must be above 0 and at most 1.";
        assertThat(run("analyze", "src/test/resources/video/walking-3s.mp4", "--out", tmp.resolve("out").toString(), "--config", config.toString()))
                .isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(sentence);
        assertThat(tmp.resolve("out")).doesNotExist();
        assertThat(run("live", "--config", config.toString())).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).as("before the display is looked for").isEqualTo(sentence);
    }

    @Test
    void aBadFlagIsBlamedOnTheFlagsInAnalyzeAndLive() {
        String sentence = "vestis: In the command-line options: min-score must be between 0 and 1.";
        assertThat(run("analyze", "src/test/resources/video/walking-3s.mp4", "--out", tmp.resolve("out").toString(), "--min-score", "1.5"))
                .isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(sentence);
        assertThat(run("live", "--min-score", "1.5")).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(sentence);
        assertThat(run("live", "--detector", "yolo")).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("In the command-line options: detector 'yolo' does not exist; choose one of");
    }
}
