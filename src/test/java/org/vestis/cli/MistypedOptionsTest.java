package org.vestis.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MistypedOptionsTest extends ConsoleCommandTest {
    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTypoIsNamedWithTheOptionItWasProbablyMeantToBe() {
        // Picocli alone takes "--outt DIR" as two more inputs and then blames the missing --out.
        assertThat(run("analyze", "clip.mp4", "--outt", "out")).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("vestis: Unknown option '--outt'; did you mean '--out'? (see --help).");
        assertThat(run("analyze", "clip.mp4", "--out", "out", "--top-nn=3")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option '--top-nn'; did you mean '--top-n'?");
        assertThat(run("train", "--epoch", "3")).isEqualTo(2);
        assertThat(stderr()).contains("did you mean '--epochs'?");
    }

    @Test
    void nothingCloseMeansNoGuessAndOtherMistakesKeepPicocliSentences() {
        assertThat(run("analyze", "clip.mp4", "--out", "out", "--frobnicate")).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("vestis: Unknown option '--frobnicate' (see --help).");
        assertThat(run("analyze")).isEqualTo(2);
        assertThat(stderr()).contains("Missing required options and parameters: '--out=<out>', 'VIDEO'");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(MistypedOptions.editDistance("--outt", "--out")).isEqualTo(1);
        assertThat(MistypedOptions.editDistance("--otu", "--out")).isEqualTo(2);
        assertThat(MistypedOptions.editDistance("", "abc")).isEqualTo(3);
    }
}
