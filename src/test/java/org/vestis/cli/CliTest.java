package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.model.ModelBundle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as a user runs them: real training on the fixture, then evaluate and predict; bad input exits 2. */
class CliTest extends ConsoleCommandTest {
    static final String SAMPLE = "src/test/resources/fashion-mnist-sample";

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("train", "evaluate", "predict");
    }

    @Test
    void trainEvaluatePredictEndToEnd(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("models/tiny");
        int code = run("train", "--config", "configs/fashion-mnist-seed-cnn.yaml", "--data-dir", SAMPLE, "--epochs", "2",
                "--batch-size", "32", "--out", model.toString());
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("epoch 1/2", "val_acc", "test top-1");
        for (String f : new String[]{"model.zip", "model.json", "training-curves.png", "confusion-matrix.png", "report.md"}) {
            assertThat(model.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.list(dir.resolve("models")).map(p -> p.getFileName().toString())).as("no temporary or checkpoint dirs left").containsExactly("tiny");
        JsonNode info = ModelBundle.JSON.readTree(model.resolve("model.json").toFile());
        assertThat(info.get("labels")).hasSize(10);
        assertThat(info.get("backbone").asText()).isEqualTo("seed-cnn");
        assertThat(info.get("command").asText()).startsWith("./vestis train --config configs/fashion-mnist-seed-cnn.yaml");
        assertThat(info.at("/metrics/top1").asDouble()).isBetween(0.0, 1.0);
        assertThat(info.at("/training/settings/batch-size").asInt()).isEqualTo(32);
        assertThat(info.at("/preprocessing/darkBackground").asBoolean()).isTrue();
        assertThat(Files.readString(model.resolve("report.md"))).contains("top-3 accuracy", "| Sneaker |", "macro F1");

        assertThat(run("evaluate", model.toString(), "--data-dir", SAMPLE, "--json")).as(stderr()).isZero();
        JsonNode eval = ModelBundle.JSON.readTree(stdout());
        assertThat(eval.get("images").asInt()).isEqualTo(300);
        assertThat(eval.get("top1").asDouble()).isEqualTo(info.at("/metrics/top1").asDouble());

        Path csv = dir.resolve("predictions.csv");
        assertThat(run("predict", model.toString(), "src/test/resources/photos", "--csv", csv.toString(), "--top", "2")).as(stderr()).isZero();
        assertThat(stdout()).contains("t-shirt.jpg: ").contains("%");
        assertThat(Files.readAllLines(csv)).hasSize(5).first().isEqualTo("file,label1,confidence1,label2,confidence2");

        // One undecodable file among good ones: the good ones are still predicted, the exit code says 2.
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(Path.of("src/test/resources/photos/dress.jpg"), mixed.resolve("dress.jpg"));
        Files.writeString(mixed.resolve("broken.png"), "not a png");
        assertThat(run("predict", model.toString(), mixed.toString())).isEqualTo(2);
        assertThat(stdout()).contains("dress.jpg: ");
        assertThat(stderr()).contains("Cannot decode").contains("broken.png").doesNotContain("Exception");
    }

    @Test
    void trainingContinuesFromABundleWithFlipAveraging(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("warm");
        // A tiny learning rate on 270 images: a random start would be near chance, the committed weights are not.
        int code = run("train", "--config", "configs/fashion-mnist-seed-cnn.yaml", "--data-dir", SAMPLE, "--epochs", "1",
                "--init", "pretrained:models/fashion-mnist-seed-cnn", "--learning-rate", "0.00001", "--augment", "true",
                "--batch-size", "32", "--out", model.toString());
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("with flip averaging (");
        JsonNode info = ModelBundle.JSON.readTree(model.resolve("model.json").toFile());
        assertThat(info.at("/initialisation/kind").asText()).isEqualTo("pretrained");
        assertThat(info.at("/initialisation/source").asText()).startsWith("models/fashion-mnist-seed-cnn (seed-cnn, made by: ./vestis train");
        assertThat(info.at("/preprocessing/flipAverage").asBoolean()).isTrue();
        assertThat(info.at("/metrics/top1").asDouble()).isGreaterThan(0.8);
        assertThat(info.at("/training/testTop1WithoutFlipAverage").asDouble()).isGreaterThan(0.8);

        assertThat(run("evaluate", model.toString(), "--data-dir", SAMPLE, "--json")).as(stderr()).isZero();
        assertThat(ModelBundle.JSON.readTree(stdout()).get("top1").asDouble()).as("evaluate averages over flips too")
                .isEqualTo(info.at("/metrics/top1").asDouble());

        assertThat(run("train", "--data-dir", SAMPLE, "--architecture", "fashion-cnn", "--init", "pretrained:models/fashion-mnist-seed-cnn",
                "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(stderr()).contains("same architecture (fashion-cnn)");
        assertThat(run("train", "--data-dir", SAMPLE, "--init", "pretrained:imagenet", "--out", dir.resolve("y").toString())).isEqualTo(2);
        assertThat(stderr()).contains("init must be random or pretrained:DIR");
    }

    @Test
    void badInputIsOneSentenceAndExitCodeTwo(@TempDir Path dir) throws Exception {
        assertThat(run("train", "--data-dir", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(stderr()).contains("does not exist").doesNotContain("\tat ");

        assertThat(run("train", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("lacks").contains("train-images-idx3-ubyte.gz");

        Path wrongFile = Files.createDirectories(dir.resolve("wrong"));
        for (String f : new String[]{"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(Path.of(SAMPLE, "t10k-labels-idx1-ubyte.gz"), wrongFile.resolve(f));
        }
        assertThat(run("train", "--data-dir", wrongFile.toString(), "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(stderr()).contains("is not an IDX image file");

        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "train:\n  learning-rat: 0.1\n");
        assertThat(run("train", "--config", yaml.toString())).isEqualTo(2);
        assertThat(stderr()).contains("Unknown key 'learning-rat'");

        Path notABundle = Files.createDirectories(dir.resolve("empty-model"));
        assertThat(run("evaluate", notABundle.toString())).isEqualTo(2);
        assertThat(stderr()).contains("has no model.json");
        assertThat(run("predict", notABundle.toString(), "x.jpg")).isEqualTo(2);

        assertThat(run("train", "--epochs", "zero")).isEqualTo(2);
        assertThat(stderr()).contains("--epochs");

        assertThat(run("train", "--data-dir", dir.resolve("nope").toString(), "--verbose")).isEqualTo(2);
        assertThat(stderr()).contains("\tat ");
    }

    @Test
    void analyzeWritesVideoTimelineTracksAndSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        int code = run("analyze", "src/test/resources/video/walking-3s.mp4", "--out", out.toString(), "--detector", "center",
                "--model", "models/fashion-mnist-seed-cnn", "--top-n", "3");
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("walking-3s.mp4", "Results in");
        for (String f : new String[]{"walking-3s.annotated.mp4", "walking-3s.timeline.jsonl", "walking-3s.tracks.csv", "summary.json"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode summary = ModelBundle.JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/inputs/0/frames").asInt()).isEqualTo(30);
        assertThat(summary.at("/inputs/0/confirmedTracks").asInt()).isEqualTo(1);
        assertThat(summary.at("/config/top-n").asInt()).isEqualTo(3);
    }

    @Test
    void analyzeBadInputIsOneSentenceAndExitCodeTwo(@TempDir Path dir) {
        assertThat(run("analyze", "no-such-video.mp4", "--out", dir.toString(), "--model", "models/fashion-mnist-seed-cnn")).isEqualTo(2);
        assertThat(stderr()).contains("no-such-video.mp4").doesNotContain("\tat ");
        // A missing bundle is named clearly.
        assertThat(run("analyze", "src/test/resources/video/walking-3s.mp4", "--out", dir.toString(), "--model", "models/no-such-model")).isEqualTo(2);
        assertThat(stderr()).contains("models/no-such-model").contains("does not exist");
        assertThat(run("analyze", "src/test/resources/video/walking-3s.mp4", "--out", dir.toString(), "--detector", "magic",
                "--model", "models/fashion-mnist-seed-cnn")).isEqualTo(2);
        assertThat(stderr()).contains("magic");
    }
}
