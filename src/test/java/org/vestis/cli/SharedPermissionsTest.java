package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.model.ModelBundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;

/** Outputs written under Java's private temporary names are still readable by the group and others once published. */
class SharedPermissionsTest extends ConsoleCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSavedBundleAndAPredictionCsvAreReadableByOthers() throws Exception {
        Path bundle = dir.resolve("models/copy");
        ModelBundle.load(Path.of("models/fashion-mnist-seed-cnn")).save(bundle, null);
        assertThat(Files.getPosixFilePermissions(bundle)).contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
        assertThat(Files.getPosixFilePermissions(bundle.resolve(ModelBundle.INFO_FILE))).contains(PosixFilePermission.OTHERS_READ);

        Path csv = dir.resolve("predictions.csv");
        assertThat(run("predict", "models/fashion-mnist-seed-cnn", "src/test/resources/photos", "--csv", csv.toString())).isZero();
        assertThat(Files.getPosixFilePermissions(csv)).contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);
    }
}
