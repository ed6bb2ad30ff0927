package org.vestis.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise of README "Errors", command by command: bad input is one sentence (no stack trace) with exit code 2,
 * and nothing already there is changed. Each row is: what the user typed ({@code DIR} stands for a scratch folder
 * holding a file {@code keep.txt} and a folder {@code data/}), the exit code, and a fragment the sentence must hold.
 * The committed bundles and the scratch files are checked unchanged after every row. Ctrl-C and concurrent runs
 * are in {@link AnalyzeInterruptTest} and {@link AnalyzeOutputsTest}.
 */
class BadInputMatrixTest extends ConsoleCommandTest {
    private static final String CLIP = "src/test/resources/video/walking-3s.mp4";
    private static final String SEED = "models/fashion-mnist-seed-cnn";

    @TempDir
    Path dir;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a mistyped command", 2, "Unknown command 'analyse'; did you mean 'analyze'?", "analyse", CLIP),
                row("a mistyped option", 2, "did you mean '--out'?", "analyze", CLIP, "--outt", "DIR/out"),
                row("analyze: missing input", 2, "does not exist", "analyze", "DIR/none.mp4", "--out", "DIR/out", "--model", SEED),
                row("analyze: --out is a file", 2, "is a file", "analyze", CLIP, "--out", "DIR/keep.txt", "--model", SEED),
                row("analyze: --mot is a folder", 2, "is a folder", "analyze", CLIP, "--out", "DIR/out", "--mot", "DIR/data", "--model", SEED),
                row("analyze: --mot with two inputs", 2, "--mot writes the tracks of one input", "analyze", CLIP, CLIP, "--out", "DIR/out", "--mot", "DIR/m.txt"),
                row("analyze: bad flag value", 2, "In the command-line options: top-n", "analyze", CLIP, "--out", "DIR/out", "--top-n", "0"),
                row("analyze: unknown detector", 2, "detector 'magic' does not exist", "analyze", CLIP, "--out", "DIR/out", "--detector", "magic"),
                row("analyze: unknown tracker", 2, "tracker 'kalman' does not exist", "analyze", CLIP, "--out", "DIR/out", "--tracker", "kalman"),
                row("analyze: missing bundle", 2, "does not exist", "analyze", CLIP, "--out", "DIR/out", "--model", "DIR/no-model"),
                row("analyze: a folder that is no bundle", 2, "is not a Vestis model bundle", "analyze", CLIP, "--out", "DIR/out", "--model", "DIR/data"),
                row("analyze: missing config", 2, "does not exist", "analyze", CLIP, "--out", "DIR/out", "--config", "DIR/none.yaml"),
                row("train: the committed bundle as --out", 2, "already holds a trained model", "train", "--data-dir", CliTest.SAMPLE, "--out", SEED),
                row("train: a data folder as --out", 2, "is not a model bundle", "train", "--data-dir", CliTest.SAMPLE, "--out", "DIR"),
                row("train: missing data", 2, "does not exist", "train", "--data-dir", "DIR/none", "--out", "DIR/m"),
                row("train: --out through a file", 2, "is a file; choose another --out", "train", "--data-dir", CliTest.SAMPLE,
                        "--out", "DIR/keep.txt/sub/../m"),
                row("train: bad epochs", 2, "--epochs", "train", "--epochs", "zero"),
                row("train: a bad flag value is the flag's fault", 2, "In the command-line options: epochs must be at least 1",
                        "train", "--config", "configs/fashion-mnist.yaml", "--epochs", "0", "--out", "DIR/m"),
                row("evaluate: missing bundle", 2, "does not exist", "evaluate", "DIR/no-model"),
                row("evaluate: negative limit", 2, "--limit must be 0", "evaluate", SEED, "--data-dir", CliTest.SAMPLE, "--limit", "-1"),
                row("predict: missing image", 2, "does not exist", "predict", SEED, "DIR/none.jpg"),
                row("predict: --csv is a folder", 2, "is a folder", "predict", SEED, "src/test/resources/photos", "--csv", "DIR/data"),
                row("predict: --top 0", 2, "--top must be at least 1", "predict", SEED, "src/test/resources/photos", "--top", "0"),
                row("import: the committed bundle as --out", 2, "already holds a trained model", "import", "keras",
                        "src/test/resources/keras/seed_cnn_small.h5", "--out", SEED),
                row("import: missing labels", 2, "does not exist", "import", "tflite", "DIR/none.tflite", "--labels", "DIR/none.txt", "--out", "DIR/m"),
                row("score-tracks: missing file", 2, "No such MOT file", "score-tracks", "DIR/none.txt", "DIR/none.txt"),
                row("score-tracks: malformed line", 2, "keep.txt line 1", "score-tracks", "DIR/keep.txt", "DIR/keep.txt"),
                row("score-video: missing timeline", 2, "Cannot read the timeline", "score-video", "DIR/none.jsonl", "DIR/none.jsonl"),
                row("ablate: missing plan", 2, "does not exist", "ablate", "DIR/none.yaml"),
                row("garments-dataset: missing CCP folder", 2, "does not exist", "garments-dataset", "--ccp", "DIR/none", "--out", "DIR/g"),
                row("live: missing source", 2, "does not exist", "live", "--source", "DIR/none.mp4"),
                row("predict: model.json lies about the input shape", 2, "does not take that shape", "predict", "DIR/lying", "src/test/resources/photos"),
                row("import tflite: a folder as the labels file", 2, "is a folder, not a file", "import", "tflite", "DIR/data", "--labels", "DIR/data", "--out", "DIR/m"),
                row("import keras: a folder as the Keras file", 2, "is a folder, not a file", "import", "keras", "DIR/data", "--out", "DIR/m"),
                row("ablate: a folder as the plan", 2, "is a folder, not a file", "ablate", "DIR/data"),
                row("ablate: --report-dir cannot be written", 2, "--report-dir", "ablate", "configs/ablation-fashion-mnist.yaml",
                        "--report-dir", "DIR/keep.txt/reports", "--models-dir", "DIR/models"),
                row("live: --screenshot into a folder that cannot be written", 2, "The folder of --screenshot", "live",
                        "--source", CLIP, "--quit-after", "1", "--screenshot", "DIR/keep.txt/shot.png"));
    }

    private static Arguments row(String what, int exitCode, String fragment, String... args) {
        return Arguments.of(what, exitCode, fragment, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsOneSentenceAndChangesNothing(String what, int exitCode, String fragment, String[] args) throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "not a MOT file");
        Files.createDirectories(dir.resolve("data"));
        lyingBundle(dir.resolve("lying"));
        String committed = digest(Path.of(SEED, "model.json")) + digest(Path.of(SEED, "model.zip"));
        String[] typed = Stream.of(args).map(a -> a.replace("DIR", dir.toString())).toArray(String[]::new);

        assertThat(run(typed)).as(what).isEqualTo(exitCode);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr).as(what).contains(fragment).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(stderr.strip().lines()).as(what + ": one sentence").hasSize(1);

        assertThat(Files.readString(dir.resolve("keep.txt"))).as(what).isEqualTo("not a MOT file");
        try (var data = Files.list(dir.resolve("data"))) {
            assertThat(data).as(what).isEmpty();
        }
        assertThat(digest(Path.of(SEED, "model.json")) + digest(Path.of(SEED, "model.zip"))).as(what + ": the committed bundle").isEqualTo(committed);
        assertThat(Path.of(SEED + ".previous")).as(what).doesNotExist();
    }

    /** The seed-cnn bundle with a model.json that declares 32x32 inputs where the network takes 28x28. */
    private static void lyingBundle(Path bundle) throws Exception {
        Files.createDirectories(bundle);
        Files.copy(Path.of(SEED, "model.zip"), bundle.resolve("model.zip"));
        String info = Files.readString(Path.of(SEED, "model.json"));
        String lying = info.replaceAll("\"height\" : 28", "\"height\" : 32").replaceAll("\"width\" : 28", "\"width\" : 32");
        assertThat(lying).isNotEqualTo(info);
        Files.writeString(bundle.resolve("model.json"), lying);
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
