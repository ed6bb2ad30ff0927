package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.model.ModelBundle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A trained bundle is never replaced by accident: train refuses it without --overwrite, and keeps it as a backup with. */
class BundleOverwriteTest extends ConsoleCommandTest {
    @TempDir
    Path dir;

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int train(Path out, String... more) {
        String[] args = {"train", "--config", "configs/fashion-mnist-seed-cnn.yaml", "--data-dir", CliTest.SAMPLE, "--epochs", "1",
                "--batch-size", "32", "--out", out.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    @Test
    void anExistingBundleIsRefusedWithoutOverwriteAndKeptAsABackupWithIt() throws Exception {
        Path model = dir.resolve("models/tiny");
        assertThat(train(model)).as(stderr()).isZero();
        String first = Files.readString(model.resolve(ModelBundle.INFO_FILE));

        assertThat(train(model)).isEqualTo(2);
        assertThat(stderr()).contains(model + " already holds a trained model; pass --overwrite", "tiny.previous").doesNotContain("epoch 1/1");
        assertThat(Files.readString(model.resolve(ModelBundle.INFO_FILE))).as("untouched").isEqualTo(first);

        assertThat(train(model, "--overwrite")).as(stderr()).isZero();
        Path backup = dir.resolve("models/tiny.previous");
        assertThat(Files.readString(backup.resolve(ModelBundle.INFO_FILE))).isEqualTo(first);
        assertThat(Files.readString(model.resolve(ModelBundle.INFO_FILE))).isNotEqualTo(first);
    }

    @Test
    void importRefusesAnExistingBundleToo() throws Exception {
        Path model = dir.resolve("models/seed");
        Files.createDirectories(model.getParent());
        copy(Path.of("models/fashion-mnist-seed-cnn"), model);
        assertThat(run("import", "keras", "src/test/resources/keras/seed_cnn_small.h5", "--out", model.toString())).isEqualTo(2);
        assertThat(stderr()).contains("already holds a trained model; pass --overwrite");
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aResumeUnderAnotherArchitectureIsRefused() throws Exception {
        Path model = dir.resolve("models/m");
        Path checkpoint = Files.createDirectories(dir.resolve("models/.m.checkpoint"));
        Files.writeString(checkpoint.resolve("state.json"), "{\"architecture\":\"fashion-cnn\",\"epochsDone\":3}");
        Files.writeString(checkpoint.resolve("last.zip"), "not read: the architecture is checked first");
        assertThat(train(model, "--architecture", "seed-cnn", "--resume")).isEqualTo(2);
        assertThat(stderr()).contains("is a fashion-cnn run; resume it with --architecture fashion-cnn");
        assertThat(model).doesNotExist();
    }

    @Test
    void anOutputPathThroughAMissingFolderAndDotDotIsWrittenWhereItPoints() throws Exception {
        assertThat(train(dir.resolve("models/missing/../m"))).as(stderr()).isZero();
        assertThat(dir.resolve("models/m").resolve(ModelBundle.INFO_FILE)).isRegularFile();
    }
}
