package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `vestis garments-dataset` on the four-photo CCP fixture, and its answers to bad input. */
class GarmentsDatasetCliTest extends ConsoleCommandTest {
    static final String SAMPLE = "src/test/resources/ccp-sample";

    @Test
    void writesTheDatasetAndPrintsItsCounts(@TempDir Path dir) throws Exception {
        Path garments = dir.resolve("garments");
        assertThat(run("garments-dataset", "--ccp", SAMPLE, "--out", garments.toString(), "--seed", "5", "--min-pixels", "300",
                "--min-train-crops", "0", "--merge", "sneakers=shoes")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Wrote 18 crops").contains("from 4 photos").contains("1 garments under 300 px skipped")
                .doesNotContain("sneakers");
        assertThat(out.toString().lines().filter(l -> l.startsWith("footwear"))).containsExactly(
                "footwear   heels            1           0      0", "footwear   sandals          1           0      0",
                "footwear   shoes            2           0      0");
        assertThat(garments.resolve("manifest.csv")).exists();
        assertThat(garments.resolve("README.md")).exists();
        try (Stream<Path> s = Files.walk(garments)) {
            assertThat(s.filter(p -> p.toString().endsWith(".jpg")).count()).isEqualTo(18);
        }
    }

    @Test
    void badInputIsOneSentenceAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        assertThat(run("garments-dataset", "--ccp", dir.resolve("none").toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: CCP folder " + dir.resolve("none") + " does not exist.");
        assertThat(run("garments-dataset", "--ccp", dir.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: " + dir + " is not a CCP folder: it needs photos/, masks/, labels.txt and slots.csv.");
        assertThat(run("garments-dataset", "--ccp", SAMPLE, "--out", out.toString(), "--merge", "sneakers")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: --merge sneakers should read FROM=TO, e.g. --merge sandals=shoes.");
        assertThat(run("garments-dataset", "--ccp", SAMPLE, "--out", out.toString(), "--merge", "trainers=shoes")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("vestis: --merge trainers=shoes names a class slots.csv does not have");
        assertThat(run("garments-dataset", "--ccp", SAMPLE, "--out", out.toString(), "--background", "blue")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: --background blue is not keep or grey.");
        assertThat(run("garments-dataset", "--ccp", SAMPLE, "--out", out.toString())).isEqualTo(2); // 1,500 px on half-size photos: too few crops
        assertThat(err.toString().strip()).isEqualTo("vestis: No class of " + SAMPLE + " has 30 training crops; lower --min-train-crops.");
        assertThat(run("garments-dataset", "--ccp", SAMPLE)).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        Files.createDirectories(out);
        assertThat(run("garments-dataset", "--ccp", SAMPLE, "--out", out.toString(), "--min-train-crops", "0")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: The output folder " + out + " already exists; remove it or choose another --out.");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("o"); // nothing half-written beside it
        }
    }
}
