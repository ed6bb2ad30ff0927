package org.vestis.interop.keras;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.train.Evaluator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Imports the Keras fixtures of src/test/resources/keras (written by make_seed_cnn_h5.py) and compares the saved and
 * reloaded bundle's outputs, fed NCHW [b, 1, 28, 28] exactly as evaluate feeds Fashion-MNIST, with the numpy oracle.
 */
class KerasImporterTest {
    static final Path DIR = Path.of("src/test/resources/keras");
    static final Path SAMPLE = Path.of("src/test/resources/fashion-mnist-sample");

    @Test
    void sequentialSeedCnnMatchesTheNumpyOracle(@TempDir Path tmp) throws IOException {
        ModelBundle bundle = importSaveLoad("seed_cnn_small", tmp);
        assertThat(bundle.network()).isNotNull();
        assertThat(bundle.info().backbone()).isEqualTo("keras-sequential");
        assertThat(bundle.network().numParams()).isEqualTo(8 * 9 + 8 + 16 * 8 * 9 + 16 + 2304 * 32 + 32 + 32 * 10 + 10);
        assertMatchesOracle(bundle, "seed_cnn_small");
    }

    @Test
    void functionalSeedCnnMatchesTheNumpyOracle(@TempDir Path tmp) throws IOException {
        ModelBundle bundle = importSaveLoad("seed_cnn_functional", tmp);
        assertThat(bundle.graph()).isNotNull();
        assertThat(bundle.info().backbone()).isEqualTo("keras-functional");
        assertMatchesOracle(bundle, "seed_cnn_functional");
    }

    @Test
    void modelJsonRecordsShapePreprocessingAndProvenance(@TempDir Path tmp) throws IOException {
        ModelInfo info = importSaveLoad("seed_cnn_small", tmp).info();
        assertThat(info.labels()).isEqualTo(FashionMnist.LABELS);
        assertThat(info.dataset()).isEqualTo("fashion-mnist");
        assertThat(info.input()).isEqualTo(new ModelInfo.Input(28, 28, 1));
        assertThat(info.preprocessing()).isEqualTo(ModelInfo.Preprocessing.FASHION_MNIST);
        assertThat(info.initialisation().kind()).isEqualTo("pretrained");
        assertThat(info.initialisation().source()).startsWith("Keras seed_cnn_small.h5 (sha256 ").endsWith(", keras_version 2.11.0)");
        assertThat(info.training()).containsEntry("framework", "Keras 2.11.0 (tensorflow backend)").containsEntry("modelClass", "Sequential")
                .containsKey("sha256").containsKey("kerasTrainingConfig");
        assertThat(info.command()).isEqualTo("test");
    }

    @Test
    void labelsFileAndNormalisationAreTaken(@TempDir Path tmp) throws IOException {
        List<String> labels = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        Path file = Files.write(tmp.resolve("labels.txt"), labels);
        ModelBundle bundle = KerasImporter.importBundle(DIR.resolve("seed_cnn_small.h5"), file, "x", "shop", "minus-1-1", "test");
        assertThat(bundle.info().labels()).isEqualTo(labels);
        assertThat(bundle.info().dataset()).isEqualTo("shop");
        assertThat(bundle.info().preprocessing().normalisation()).isEqualTo("minus-1-1");
        Path three = Files.write(tmp.resolve("three.txt"), List.of("a", "b", "c"));
        assertThatThrownBy(() -> KerasImporter.importBundle(DIR.resolve("seed_cnn_small.h5"), three, "x", null, null, "test"))
                .isInstanceOf(UserException.class).hasMessageEndingWith("has 3 labels but seed_cnn_small.h5 has 10 outputs; pass one label per output, in output order.");
        assertThatThrownBy(() -> KerasImporter.importBundle(DIR.resolve("seed_cnn_small.h5"), null, "x", null, "zero-to-one", "test"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("Unknown normalisation 'zero-to-one'");
    }

    @Test
    void badFilesAreOneClearSentence(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("model.h5"), "not a model\n");
        assertThatThrownBy(() -> KerasImporter.importFile(text)).isInstanceOf(UserException.class)
                .hasMessage(text + " is not an HDF5 file; save the Keras model with model.save('model.h5') and import that.");
        assertThatThrownBy(() -> KerasImporter.importFile(tmp.resolve("none.h5"))).isInstanceOf(UserException.class)
                .hasMessage("Keras file " + tmp.resolve("none.h5") + " does not exist.");
        Path weights = DIR.resolve("weights_only.h5");
        assertThatThrownBy(() -> KerasImporter.importFile(weights)).isInstanceOf(UserException.class)
                .hasMessage(weights + " holds only weights (model.save_weights); save the whole model with model.save('model.h5') and import that.");
        Path lambda = DIR.resolve("lambda_layer.h5");
        assertThatThrownBy(() -> KerasImporter.importFile(lambda)).isInstanceOf(UserException.class)
                .hasMessage(lambda + " has a Lambda layer (lambda), which runs Python code and cannot be imported;"
                        + " rebuild the model with built-in Keras layers.");
        Path flip = DIR.resolve("random_flip_layer.h5");
        assertThatThrownBy(() -> KerasImporter.importFile(flip)).isInstanceOf(UserException.class)
                .hasMessageStartingWith(flip + " uses something DL4J's Keras import does not support: ")
                .hasMessageContaining("RandomFlip").hasMessageNotContaining("\n");
        // A truncated HDF5 file: the signature is there, the rest is not.
        byte[] head = Arrays.copyOf(Files.readAllBytes(DIR.resolve("seed_cnn_small.h5")), 4000);
        Path truncated = Files.write(tmp.resolve("truncated.h5"), head);
        assertThatThrownBy(() -> KerasImporter.importFile(truncated)).isInstanceOf(UserException.class)
                .hasMessageStartingWith(truncated + " cannot be read as a Keras model (").hasMessageNotContaining("\n");
    }

    static ModelBundle importSaveLoad(String name, Path tmp) throws IOException {
        ModelBundle imported = KerasImporter.importBundle(DIR.resolve(name + ".h5"), null, name, null, null, "test");
        Path dir = tmp.resolve(name);
        imported.save(dir, null);
        return ModelBundle.load(dir);
    }

    static void assertMatchesOracle(ModelBundle bundle, String name) throws IOException {
        List<String> rows = Files.readAllLines(DIR.resolve(name + ".oracle.csv"));
        Dataset images = FashionMnist.test(SAMPLE).limit(rows.size() - 1);
        float[][] probs = Evaluator.probabilities(bundle::output, images);
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            int image = Integer.parseInt(cells[0]);
            for (int k = 0; k < 10; k++) {
                assertThat((double) probs[image][k]).as("image %d class %d", image, k).isCloseTo(Double.parseDouble(cells[k + 1]), within(1e-4));
            }
        }
    }
}
