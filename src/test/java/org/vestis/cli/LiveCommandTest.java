package org.vestis.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** `vestis` alone means `vestis live`; without a display that is one clear sentence and exit code 2 (the test JVM is headless). */
class LiveCommandTest extends ConsoleCommandTest {

    @Test
    void noCommandOpensTheWindowWhichNeedsADisplay() {
        assertThat(VestisCommand.execute()).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("vestis: No display is available for the window").doesNotContain("Exception");
        assertThat(VestisCommand.execute("live", "--source", "src/test/resources/video/walking-3s.mp4")).isEqualTo(VestisCommand.USER_ERROR);
    }

    @Test
    void helpStillListsEveryCommandIncludingLive() {
        assertThat(VestisCommand.execute("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("live", "train", "evaluate", "predict", "analyze");
    }

    @Test
    void onlyNoArgumentsOrJustVerboseOpenTheWindow() {
        assertThat(VestisCommand.opensWindow()).isTrue();
        assertThat(VestisCommand.opensWindow("--verbose")).isTrue();
        assertThat(VestisCommand.opensWindow("--help")).isFalse();
    }

    @Test
    void aMistypedSourceOrModelIsOneSentenceBeforeAnyWindow() {
        assertThat(VestisCommand.execute("live", "--source", "no-such-clip.mp4")).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Input no-such-clip.mp4 does not exist").doesNotContain("No display");
        assertThat(VestisCommand.execute("live", "--model", "models/no-such-model")).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("models/no-such-model does not exist");
    }
}
