package org.vestis.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheShippedConfigs() {
        TrainConfig c = ConfigLoader.load(Path.of("configs/fashion-mnist.yaml")).train;
        assertThat(c.architecture).isEqualTo("fashion-cnn");
        assertThat(c.augment).isTrue();
        c.validate("configs/fashion-mnist.yaml");
        TrainConfig seed = ConfigLoader.load(Path.of("configs/fashion-mnist-seed-cnn.yaml")).train;
        assertThat(seed.architecture).isEqualTo("seed-cnn");
        assertThat(seed.batchSize).isEqualTo(128);
        assertThat(seed.patience).isEqualTo(3);
    }

    @Test
    void unknownKeyIsNamedWithTheKnownOnes() throws IOException {
        Path f = write("train:\n  architecture: seed-cnn\n  epohcs: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(UserException.class)
                .hasMessageContaining("Unknown key 'epohcs'").hasMessageContaining("line 3").hasMessageContaining("epochs");
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        Path f = write("train:\n  epochs: many\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(UserException.class)
                .hasMessageContaining("many").hasMessageContaining("epochs");
    }

    @Test
    void notAConfigAtAll() throws IOException {
        Path f = write("just a sentence\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(UserException.class).hasMessageContaining("shape of a Vestis config");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"))).isInstanceOf(UserException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void invalidValuesAreRejected() throws IOException {
        TrainConfig c = ConfigLoader.load(write("train:\n  architecture: resnet9000\n")).train;
        assertThatThrownBy(() -> c.validate("x.yaml")).isInstanceOf(UserException.class).hasMessageContaining("resnet9000");
        TrainConfig d = ConfigLoader.load(write("train:\n  schedule: wavy\n")).train;
        assertThatThrownBy(() -> d.validate("x.yaml")).isInstanceOf(UserException.class).hasMessageContaining("schedule");
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "c", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
