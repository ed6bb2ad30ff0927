package org.vestis.spark;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.cli.VestisCommand;
import org.vestis.io.Json;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark job in local[2] mode on three clips, one of them corrupt: each good video's tracks equal `vestis
 * analyze`'s on the same file, the corrupt one is recorded with its error without failing the job, the Parquet table
 * answers Spark SQL, and a rerun into the same folder skips what is complete.
 */
class SparkAnalyzeTest {
    static final Path MP4 = Path.of("src/test/resources/video/walking-3s.mp4");
    static final Path GIF = Path.of("videos/walking.gif");

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path videos;

    @BeforeAll
    static void start() throws Exception {
        videos = Files.createDirectories(dir.resolve("videos"));
        Files.copy(MP4, videos.resolve("a-walking.mp4"));
        Files.copy(GIF, videos.resolve("b-walking.gif"));
        byte[] broken = Files.readAllBytes(MP4);
        for (int i = 0; i < 4096; i++) {
            broken[i] = (byte) (i * 31); // the container's header and first frames overwritten
        }
        Files.write(videos.resolve("c-broken.mp4"), broken);
        spark = SparkSession.builder().master("local[2]").appName("vestis-test")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static SparkAnalyze.Result runJob(Path out) throws Exception {
        SparkAnalyze job = new SparkAnalyze();
        new CommandLine(job).parseArgs(videos.resolve("*").toString(), "--out", out.toString());
        return job.run(spark);
    }

    @Test
    void analysesEveryVideoAsAnalyzeDoesRecordsTheCorruptOneAndSkipsCompleteOnesOnRerun() throws Exception {
        Path out = dir.resolve("out");
        SparkAnalyze.Result first = runJob(out);
        assertThat(first.outcomes()).extracting(VideoOutcome::stem).containsExactly("a-walking", "b-walking", "c-broken");
        assertThat(first.outcomes()).extracting(VideoOutcome::status)
                .containsExactly(VideoOutcome.DONE, VideoOutcome.DONE, VideoOutcome.FAILED);
        assertThat(first.outcomes().get(2).error()).isNotBlank();

        // The same files through `vestis analyze`: identical tracks.
        Path analyzeOut = dir.resolve("analyze-out");
        assertThat(VestisCommand.execute("analyze", videos.resolve("a-walking.mp4").toString(), videos.resolve("b-walking.gif").toString(),
                "--out", analyzeOut.toString(), "--no-video")).isZero();
        for (String stem : List.of("a-walking", "b-walking")) {
            assertThat(Files.readString(out.resolve(stem + ".tracks.csv"))).as(stem)
                    .isEqualTo(Files.readString(analyzeOut.resolve(stem + ".tracks.csv")));
            assertThat(out.resolve(stem + ".timeline.jsonl")).isNotEmptyFile();
        }
        assertThat(out.resolve("c-broken.tracks.csv")).doesNotExist();

        // The Parquet table through Spark SQL: every CSV row, per video, with the input it came from.
        spark.read().parquet(out.resolve(TracksTable.NAME).toString()).createOrReplaceTempView("tracks");
        Map<String, Long> perVideo = new HashMap<>();
        for (Row r : spark.sql("SELECT video, input, COUNT(*) AS n FROM tracks GROUP BY video, input").collectAsList()) {
            perVideo.put(r.getString(0), r.getLong(2));
            assertThat(r.getString(1)).endsWith(r.getString(0).replace("a-walking", "a-walking.mp4").replace("b-walking", "b-walking.gif"));
        }
        assertThat(perVideo).containsOnlyKeys("a-walking", "b-walking");
        for (String stem : perVideo.keySet()) {
            assertThat(perVideo.get(stem)).isEqualTo(Files.readAllLines(out.resolve(stem + ".tracks.csv")).size() - 1L);
        }
        assertThat(first.tracks()).isEqualTo(perVideo.values().stream().mapToLong(Long::longValue).sum());
        Row people = spark.sql("SELECT COUNT(*) FROM tracks WHERE confirmed AND top IS NOT NULL").first();
        assertThat(people.getLong(0)).isPositive();

        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("inputs")).hasSize(3);
        assertThat(summary.path("inputs").get(2).path("status").asText()).isEqualTo(VideoOutcome.FAILED);
        assertThat(summary.path("inputs").get(2).path("error").asText()).isNotBlank();
        assertThat(summary.path("inputs").get(0).path("frames").asInt()).isPositive();

        // A rerun: the complete videos are skipped (no model loaded for them), the corrupt one is tried again.
        int loads = ModelPool.loads();
        SparkAnalyze.Result second = runJob(out);
        assertThat(second.outcomes()).extracting(VideoOutcome::status)
                .containsExactly(VideoOutcome.SKIPPED, VideoOutcome.SKIPPED, VideoOutcome.FAILED);
        assertThat(ModelPool.loads()).isEqualTo(loads);
        assertThat(second.tracks()).isEqualTo(first.tracks());
        assertThat(Json.MAPPER.readTree(out.resolve("summary.json").toFile()).path("inputs").get(0).path("frames").asInt())
                .isEqualTo(summary.path("inputs").get(0).path("frames").asInt());
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
