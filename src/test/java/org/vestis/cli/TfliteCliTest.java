package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `vestis import tflite` then `vestis predict` on the committed MobileNet v1 fixture, as a user runs them. */
class TfliteCliTest extends ConsoleCommandTest {
    static final String FIXTURE = "src/test/resources/tflite/";

    @Test
    void importThenPredict(@TempDir Path dir) {
        Path model = dir.resolve("mobilenetv1-imagenet");
        assertThat(run("import", "tflite", FIXTURE + "mobilenet_v1_0.25_128_quant.tflite", "--labels", FIXTURE + "imagenet_labels.txt",
                "--out", model.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("as mobilenetv1-0.25-128 (1001 classes, 475801 parameters)");
        assertThat(Files.isRegularFile(model.resolve("model.json"))).isTrue();
        assertThat(run("predict", model.toString(), FIXTURE + "grace_hopper-256x300.jpg", "--top", "5")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(FIXTURE + "grace_hopper-256x300.jpg: academic gown, academic robe, judge's robe")
                .contains("military uniform");
    }

    @Test
    void badInputIsOneSentenceAndExitCodeTwo(@TempDir Path dir) throws Exception {
        assertThat(run("import", "tflite", dir.resolve("none.tflite").toString(), "--labels", FIXTURE + "imagenet_labels.txt",
                "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: TensorFlow Lite file " + dir.resolve("none.tflite") + " does not exist.");
        Path notTflite = Files.writeString(dir.resolve("x.tflite"), "hello");
        assertThat(run("import", "tflite", notTflite.toString(), "--labels", FIXTURE + "imagenet_labels.txt",
                "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(run("import", "tflite", FIXTURE + "mobilenet_v1_0.25_128_quant.tflite", "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("m"))).isFalse();
    }

    @Test
    void importIsListedInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("import");
        assertThat(run("import", "--help")).isZero();
        assertThat(out.toString()).contains("tflite");
    }
}
