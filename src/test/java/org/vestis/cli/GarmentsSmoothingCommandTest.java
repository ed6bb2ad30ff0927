package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GarmentsSmoothingCommandTest extends ConsoleCommandTest {
    static final String MODEL = GarmentsEvalCommandTest.MODEL;

    @Test
    void badInputIsOneSentenceAndExitCode2(@TempDir Path dir) {
        assertThat(run("garments-smoothing", "--ccp", dir.toString(), "--model", MODEL, "--frames", "1")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: --frames must be from 2 to 200, not 1.");
        assertThat(run("garments-smoothing", "--ccp", dir.toString(), "--split", "train")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: --split train is not validation or test.");
        assertThat(run("garments-smoothing", "--ccp", dir.toString(), "--model", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: " + dir + " is not a garment model: it has no garments.json.");
        assertThat(run("garments-smoothing", "--ccp", dir.resolve("nowhere").toString(), "--model", MODEL)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: CCP folder " + dir.resolve("nowhere") + " does not exist.");
    }

    /** One test photo made into a 4-frame clip through the real pipeline (about 10 s on 2 idle cores). */
    @Test
    @EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+", disabledReason = "set VESTIS_TEST_DATA to the shared data folder (ccp/ and pretrained/)")
    void scoresClipsOfRealCcpPhotos(@TempDir Path dir) throws Exception {
        Path data = Path.of(System.getenv("VESTIS_TEST_DATA"));
        String config = Files.readString(Path.of("configs/garments.yaml"))
                .replace("pipeline:\n", "pipeline:\n  detector-models: " + data.resolve("pretrained").toAbsolutePath() + "\n");
        Path configFile = Files.writeString(dir.resolve("garments.yaml"), config);
        assertThat(run("garments-smoothing", "--ccp", data.resolve("ccp").toString(), "--model", MODEL, "--config", configFile.toString(),
                "--limit", "1", "--frames", "4")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 clips; the person tracked in 1", "| single look | top-1 | top-5 (pipeline) | all looks |",
                "| top (accuracy) |", "| bottom (accuracy) |", "| footwear (accuracy) |", "| headwear (presence F1", "| outerwear (presence F1",
                "1 test clips of 4 frames", "| slot: stated confidence / right |");
        // Each way of answering states its confidence beside how often it is right, e.g. "| bottom | 66.0% / 100.0% |".
        assertThat(out.toString().lines().filter(l -> l.startsWith("| bottom |")))
                .singleElement().asString().matches("\\| bottom \\|( \\d+\\.\\d% / \\d+\\.\\d% \\|| - \\|){4}");
    }
}
