package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `vestis import keras` then `vestis evaluate` on the committed Keras fixture, as a user runs them; bad files exit 2. */
class KerasCliTest extends ConsoleCommandTest {
    static final String FIXTURE = "src/test/resources/keras/";
    static final String SAMPLE = "src/test/resources/fashion-mnist-sample";

    @Test
    void importThenEvaluate(@TempDir Path dir) {
        Path model = dir.resolve("keras-seed-cnn");
        assertThat(run("import", "keras", FIXTURE + "seed_cnn_small.h5", "--out", model.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Imported seed_cnn_small.h5 (Keras Sequential, 28x28x1 input, 10 classes, 75338 parameters) into " + model);
        assertThat(run("evaluate", model.toString(), "--data-dir", SAMPLE)).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(model + " on 300 test images: top-1 ").contains("Ankle boot");
        Path functional = dir.resolve("keras-functional");
        assertThat(run("import", "keras", FIXTURE + "seed_cnn_functional.h5", "--out", functional.toString())).as(err.toString()).isZero();
        assertThat(run("evaluate", functional.toString(), "--data-dir", SAMPLE, "--limit", "50")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(functional + " on 50 test images: top-1 ");
    }

    @Test
    void badFilesAreOneSentenceAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path notH5 = Files.writeString(dir.resolve("x.h5"), "hello");
        for (String bad : new String[]{notH5.toString(), FIXTURE + "weights_only.h5", FIXTURE + "lambda_layer.h5", dir.resolve("none.h5").toString()}) {
            assertThat(run("import", "keras", bad, "--out", dir.resolve("m").toString())).as(bad).isEqualTo(2);
            assertThat(err.toString().strip().lines()).as(err.toString()).hasSize(1).allMatch(l -> l.startsWith("vestis: "));
            assertThat(Files.exists(dir.resolve("m"))).isFalse();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("no partial bundle").noneMatch(n -> n.startsWith(".m"));
            }
        }
        assertThat(run("import", "keras", FIXTURE + "weights_only.h5", "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: " + FIXTURE + "weights_only.h5 holds only weights (model.save_weights);"
                + " save the whole model with model.save('model.h5') and import that.");
    }

    @Test
    void kerasIsListedInImportHelp() {
        assertThat(run("import", "--help")).isZero();
        assertThat(out.toString()).contains("tflite", "keras");
    }
}
