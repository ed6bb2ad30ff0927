package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.io.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        assertThat(stdout()).contains("live", "train", "evaluate", "predict", "analyze", "import", "ablate", "make-video", "score-video");
    }

    /** How ND4J fails in a -Pcuda build on a machine without CUDA (seen with that build here): recognised as such. */
    @Test
    void aMissingNd4jBackendIsRecognisedThroughItsWrappers() {
        var cause = new org.nd4j.linalg.factory.Nd4jBackend.NoAvailableBackendException("Please ensure that you have an nd4j backend");
        assertThat(VestisCommand.backendMissing(new ExceptionInInitializerError(new RuntimeException(cause)))).isTrue();
        assertThat(VestisCommand.backendMissing(new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j"))).isFalse();
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
        JsonNode info = Json.MAPPER.readTree(model.resolve("model.json").toFile());
        assertThat(info.get("labels")).hasSize(10);
        assertThat(info.get("backbone").asText()).isEqualTo("seed-cnn");
        assertThat(info.get("command").asText()).startsWith("./vestis train --config configs/fashion-mnist-seed-cnn.yaml");
        assertThat(info.at("/metrics/top1").asDouble()).isBetween(0.0, 1.0);
        assertThat(info.at("/training/settings/batch-size").asInt()).isEqualTo(32);
        assertThat(info.at("/training/settings").has("freeze-up-to")).as("photo-only settings are left out").isFalse();
        assertThat(info.at("/preprocessing/darkBackground").asBoolean()).isTrue();
        assertThat(info.at("/versions/deeplearning4j").asText()).isEqualTo("1.0.0-M2.1");
        assertThat(Files.readString(model.resolve("report.md"))).contains("top-3 accuracy", "| Sneaker |", "macro F1");

        assertThat(run("evaluate", model.toString(), "--data-dir", SAMPLE, "--json")).as(stderr()).isZero();
        JsonNode eval = Json.MAPPER.readTree(stdout());
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
    void trainingContinuesFromABundleWithViewAveraging(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("warm");
        // A tiny learning rate on 270 images: a random start would be near chance, the committed weights are not.
        int code = run("train", "--config", "configs/fashion-mnist-seed-cnn.yaml", "--data-dir", SAMPLE, "--epochs", "1",
                "--init", "pretrained:models/fashion-mnist-seed-cnn", "--learning-rate", "0.00001", "--augment", "true",
                "--batch-size", "32", "--out", model.toString());
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("averaged over test-time views (");
        JsonNode info = Json.MAPPER.readTree(model.resolve("model.json").toFile());
        assertThat(info.at("/initialisation/kind").asText()).isEqualTo("pretrained");
        assertThat(info.at("/initialisation/source").asText()).startsWith("models/fashion-mnist-seed-cnn (seed-cnn, made by: ./vestis train");
        assertThat(info.at("/preprocessing/flipAverage").asBoolean()).isTrue();
        assertThat(info.at("/preprocessing/shiftAverage").asInt()).as("trained with shifts").isEqualTo(1);
        assertThat(info.at("/metrics/top1").asDouble()).isGreaterThan(0.8);
        assertThat(info.at("/training/testTop1SingleView").asDouble()).isGreaterThan(0.8);

        assertThat(run("evaluate", model.toString(), "--data-dir", SAMPLE, "--json")).as(stderr()).isZero();
        assertThat(Json.MAPPER.readTree(stdout()).get("top1").asDouble()).as("evaluate averages over the same views")
                .isEqualTo(info.at("/metrics/top1").asDouble());

        assertThat(run("train", "--data-dir", SAMPLE, "--architecture", "fashion-cnn", "--init", "pretrained:models/fashion-mnist-seed-cnn",
                "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(stderr()).contains("same architecture (fashion-cnn)");
        assertThat(run("train", "--data-dir", SAMPLE, "--init", "pretrained:imagenet", "--out", dir.resolve("y").toString())).isEqualTo(2);
        assertThat(stderr()).contains("init must be random or pretrained:DIR");
    }

    /** Runs a command that must fail on bad input: exit code 2, one line on stderr naming the problem, no stack trace. */
    private void expectUserError(String expected, String... args) {
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(stderr()).contains(expected).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(stderr().strip().lines()).as(stderr()).hasSize(1);
    }

    @Test
    void badInputIsOneSentenceAndExitCodeTwo(@TempDir Path dir) throws Exception {
        expectUserError("does not exist", "train", "--data-dir", dir.resolve("nope").toString(), "--out", dir.resolve("m").toString());
        expectUserError("train-images-idx3-ubyte.gz", "train", "--data-dir", dir.toString(), "--out", dir.resolve("m").toString());

        Path wrongFile = Files.createDirectories(dir.resolve("wrong"));
        for (String f : new String[]{"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(Path.of(SAMPLE, "t10k-labels-idx1-ubyte.gz"), wrongFile.resolve(f));
        }
        expectUserError("is not an IDX image file", "train", "--data-dir", wrongFile.toString(), "--out", dir.resolve("m").toString());

        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "train:\n  learning-rat: 0.1\n");
        expectUserError("Unknown key 'learning-rat'", "train", "--config", yaml.toString());
        Files.writeString(yaml, "train:\n  epochs: many\n");
        expectUserError("Wrong value 'many' for 'train.epochs'", "train", "--config", yaml.toString());
        expectUserError("is a directory", "train", "--config", dir.toString());

        Path notABundle = Files.createDirectories(dir.resolve("empty-model"));
        expectUserError("has no model.json", "evaluate", notABundle.toString());
        expectUserError("has no model.json", "predict", notABundle.toString(), "x.jpg");
        Path badInfo = Files.createDirectories(dir.resolve("bad-info"));
        Files.writeString(badInfo.resolve("model.json"), "{ not json");
        Files.writeString(badInfo.resolve("model.zip"), "");
        expectUserError("is not valid model metadata", "evaluate", badInfo.toString());

        expectUserError("--epochs", "train", "--epochs", "zero");
        expectUserError("takes 224x224 colour photos", "train", "--architecture", "resnet50", "--data-dir", SAMPLE);
        expectUserError("takes 224x224 colour photos", "train", "--backbone", "vgg16", "--data-dir", SAMPLE);
        expectUserError("leaves no validation images", "train", "--data-dir", SAMPLE, "--train-limit", "5",
                "--out", dir.resolve("t").toString());

        assertThat(run("train", "--data-dir", dir.resolve("nope").toString(), "--out", dir.resolve("m").toString(), "--verbose")).isEqualTo(2);
        assertThat(stderr()).contains("\tat ");
    }

    @Test
    void outputThatIsNotABundleIsNeverReplaced(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("my-data"));
        Files.writeString(data.resolve("notes.txt"), "keep me");
        expectUserError("is not a model bundle", "train", "--data-dir", SAMPLE, "--out", data.toString());
        assertThat(data.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void predictChecksItsCsvFolderAndCapsTopAtTheLabels(@TempDir Path dir) throws Exception {
        expectUserError("does not exist", "predict", "models/fashion-mnist-seed-cnn", "src/test/resources/photos",
                "--csv", dir.resolve("missing/out.csv").toString());

        Path csv = dir.resolve("top.csv");
        assertThat(run("predict", "models/fashion-mnist-seed-cnn", "src/test/resources/photos/dress.jpg", "--top", "20",
                "--csv", csv.toString())).as(stderr()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0).split(",")).hasSize(1 + 2 * 10);
        assertThat(lines.get(1).split(",")).hasSize(1 + 2 * 10);
    }

    @Test
    void aDamagedCheckpointIsOneSentence(@TempDir Path dir) throws Exception {
        Path checkpoint = Files.createDirectories(dir.resolve(".m.checkpoint"));
        Files.writeString(checkpoint.resolve("last.zip"), "not a zip");
        Files.writeString(checkpoint.resolve("state.json"), "{}");
        expectUserError("cannot be read", "train", "--config", "configs/fashion-mnist-seed-cnn.yaml", "--data-dir", SAMPLE,
                "--out", dir.resolve("m").toString(), "--resume");
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
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
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
