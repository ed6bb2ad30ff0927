package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vestis.io.Json;
import org.vestis.io.OutputFolderLock;
import org.vestis.bench.AnalyzeOutputsCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C (SIGINT) and SIGTERM during `vestis analyze`, sent to a real child process: what was processed is kept, under
 * the final names, complete (the video decodes to the frame count the summary gives, every timeline line parses), and
 * the summary says the run was interrupted.
 */
class AnalyzeInterruptTest {
    private static final int DEMO_FRAMES = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalMidRunLeavesEveryOutputFinalAndSaysSo(String signal) throws Exception {
        Path out = dir.resolve("out");
        Path log = dir.resolve("log.txt");
        // MobileNetV2 on every hog box: slow enough (~20 frames/s) that the signal comes mid-run.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "org.vestis.cli.VestisCommand", "analyze", "videos/demo.mp4",
                "--out", out.toString(), "--detector", "hog", "--model", "models/clothing-mobilenetv2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path part = out.resolve("demo.timeline.part.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(part) && Files.size(part) > 0) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(child.isAlive()).as(Files.readString(log)).isTrue();
            new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exits within a minute of the signal").isTrue();
        } finally {
            child.destroyForcibly();
        }
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/inputs/0");
        int frames = summary.get("frames").asInt();
        assumeTrue(summary.get("interrupted").asBoolean() || frames < DEMO_FRAMES,
                "SIG" + signal + " is ignored in this environment (a background job of a non-interactive shell): the run went to its end");
        assertThat(summary.get("interrupted").asBoolean()).isTrue();
        assertThat(frames).isBetween(1, DEMO_FRAMES - 1);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("demo.annotated.mp4", "demo.timeline.jsonl", "demo.tracks.csv", "summary.json",
                            OutputFolderLock.FILE_NAME);
        }
        // No temporary names, the MP4 decodes to the summary's frame count, every timeline line parses, the CSV agrees.
        assertThat(AnalyzeOutputsCheck.check(out, "demo")).isEmpty();
    }
}
