package org.vestis.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;
import org.vestis.data.FashionMnist;
import org.vestis.io.Json;
import org.vestis.model.zoo.Architecture;
import org.vestis.nn.dnnl.CallingThreadOmp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBundleTest {

    private static ModelBundle freshBundle(String name) {
        MultiLayerNetwork net = new MultiLayerNetwork(Architecture.FASHION_CNN.configuration(28, 28, 1, 10, 1e-3, 5));
        net.init();
        ModelInfo info = new ModelInfo(ModelInfo.FORMAT, name, FashionMnist.LABELS, new ModelInfo.Input(28, 28, 1),
                ModelInfo.Preprocessing.FASHION_MNIST, "fashion-cnn", "fashion-mnist", new ModelInfo.Initialisation("random", 5),
                Map.of("epochs", 0), Map.of("top1", 0.1), Map.of("java", "17"), "test", "now");
        return new ModelBundle(net, info);
    }

    @Test
    void roundTripKeepsOutputsAndMetadataAndReattachesHelpers(@TempDir Path dir) throws Exception {
        ModelBundle bundle = freshBundle("m");
        Path extras = Files.createDirectories(dir.resolve("extras"));
        Files.writeString(extras.resolve("report.md"), "# report");
        Path target = dir.resolve("models/m");
        bundle.save(target, extras);
        // Saving again replaces the bundle in place, keeps the replaced one as m.previous, and leaves no temporary
        // directories behind.
        bundle.save(target, extras);
        assertThat(Files.list(dir.resolve("models")).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m", "m.previous");
        assertThat(target.resolve("report.md")).hasContent("# report");

        ModelBundle loaded = ModelBundle.load(target);
        assertThat(loaded.info()).isEqualTo(bundle.info());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        assertThat(loaded.network().output(x, false)).isEqualTo(bundle.network().output(x, false));
        assertThat(loaded.network().getLayer(0).getHelper()).as("oneDNN helper re-attached after restore").isNotNull();
    }

    @Test
    void damagedBundlesGiveClearErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelBundle.load(dir.resolve("none"))).isInstanceOf(UserException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(UserException.class).hasMessageContaining("has no model.json");

        ModelBundle bundle = freshBundle("m");
        Path target = dir.resolve("m");
        bundle.save(target, null);
        ModelInfo fewerLabels = new ModelInfo(ModelInfo.FORMAT, "m", List.of("a", "b"), bundle.info().input(), bundle.info().preprocessing(),
                "fashion-cnn", "fashion-mnist", null, null, null, null, null, null);
        Json.MAPPER.writeValue(target.resolve(ModelBundle.INFO_FILE).toFile(), fewerLabels);
        assertThatThrownBy(() -> ModelBundle.load(target)).isInstanceOf(UserException.class)
                .hasMessageContaining("10 outputs but model.json lists 2 labels");

        Files.writeString(target.resolve(ModelBundle.MODEL_FILE), "garbage");
        Json.MAPPER.writeValue(target.resolve(ModelBundle.INFO_FILE).toFile(), bundle.info());
        assertThatThrownBy(() -> ModelBundle.load(target)).isInstanceOf(UserException.class).hasMessageContaining("not a readable DL4J model");
    }

    @Test
    void smallAndLargeBatchesGiveTheNetworksOutputAndLeaveTheThreadSettingAsItWas() {
        ModelBundle bundle = freshBundle("m");
        int threadsBefore = CallingThreadOmp.nativeOps().ompGetMaxThreads();
        for (int batch : new int[]{1, 256}) { // 784 and 200,704 input values: either side of the one-thread limit
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28);
            INDArray expected = bundle.network().output(x, false);

            INDArray actual = bundle.singleViewOutput(x);

            assertThat(actual.equalsWithEps(expected, 1e-5)).as("batch %d", batch).isTrue();
            assertThat(CallingThreadOmp.nativeOps().ompGetMaxThreads()).isEqualTo(threadsBefore);
        }
    }
}
