package org.vestis.interop.tflite;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;
import org.vestis.model.zoo.Backbone;
import org.vestis.model.ModelBundle;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.model.Prediction;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import on the committed MobileNet v1 0.25/128 fixture (no network access), and files it must refuse. */
class TfliteImporterTest {
    static Path dir;
    static Path model;
    static Path labels;
    static ModelBundle bundle;

    @BeforeAll
    static void importFixture() throws URISyntaxException {
        dir = Path.of(TfliteImporterTest.class.getResource("/tflite/README.md").toURI()).getParent();
        model = dir.resolve("mobilenet_v1_0.25_128_quant.tflite");
        labels = dir.resolve("imagenet_labels.txt");
        bundle = TfliteImporter.importBundle(model, labels, "v1", "imagenet", "test");
    }

    @Test
    void importsIntoMobileNetV1WithItsPreprocessing() {
        assertThat(bundle.info().backbone()).isEqualTo("mobilenetv1-0.25-128");
        assertThat(bundle.info().input().height()).isEqualTo(128);
        assertThat(bundle.info().input().channels()).isEqualTo(3);
        assertThat(bundle.info().preprocessing().grayscale()).isFalse();
        assertThat(bundle.info().preprocessing().normalisation()).isEqualTo("minus-1-1");
        assertThat(bundle.info().preprocessing().resizeMode()).isEqualTo("stretch");
        assertThat(bundle.info().labels()).hasSize(1001).startsWith("background");
        assertThat(bundle.info().initialisation().kind()).isEqualTo("pretrained");
        assertThat(bundle.info().dataset()).isEqualTo("imagenet");
        assertThat(bundle.info().initialisation().source()).contains("mobilenet_v1_0.25_128_quant.tflite");
    }

    @Test
    void classifiesGraceHopperAsMeasured() {
        Prediction p = BatchPredictor.photos(bundle, BatchPredictor.ONE_BATCH).predict(List.of(PhotoPreprocessor.read(dir.resolve("grace_hopper-256x300.jpg"))), 5).get(0);
        List<String> top = p.top().stream().map(Prediction.Ranked::label).toList();
        // Measured (see the fixture's README): a small model, but all five are plausible for a uniformed portrait.
        assertThat(top.get(0)).isEqualTo("academic gown, academic robe, judge's robe");
        assertThat(top).contains("suit, suit of clothes", "mortarboard", "military uniform");
        assertThat(p.top().get(0).probability()).isBetween(0.2, 0.4);
    }

    @Test
    void randomInitialisationHasTheIdenticalConfiguration() {
        ComputationGraph imported = bundle.graph();
        ComputationGraph random = Backbone.parse(bundle.info().backbone()).buildGraph(1001, 7);
        assertThat(random.numParams()).isEqualTo(imported.numParams()).isEqualTo(475_801L);
        assertThat(names(random)).isEqualTo(names(imported));
        assertThat(random.getConfiguration().toJson()).isEqualTo(imported.getConfiguration().toJson().replace("\"seed\" : 0", "\"seed\" : 7"));
        assertThat(random.params()).isNotEqualTo(imported.params());
    }

    private static List<String> names(ComputationGraph g) {
        return Arrays.stream(g.getVertices()).map(GraphVertex::getVertexName).sorted().toList();
    }

    @Test
    void savedBundleLoadsAsAGraphAndPredictsTheSame(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("v1");
        bundle.save(out, null);
        ModelBundle loaded = ModelBundle.load(out);
        assertThat(loaded.graph()).isNotNull();
        assertThat(loaded.network()).isNull();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 128, 128).muli(2).subi(1);
        assertThat(loaded.output(x).equalsWithEps(bundle.output(x), 1e-5)).isTrue();
    }

    @Test
    void batchNormSetToBiasAddsTheBias() {
        // The layer after the stem convolution: with the folded weights it must compute exactly x + bias.
        org.deeplearning4j.nn.api.Layer bn = bundle.graph().getLayer("stem_bn");
        float[] bias = {1f, -2f, 0.5f, 0f, 3f, -1f, 0.25f, 2f};
        ComputationGraph g = Backbone.parse("mobilenetv1-0.25-128").buildGraph(3, 1);
        TfliteImporter.setBatchNormToBias(g.getLayer("stem_bn"), bias);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, 4, 4);
        INDArray y = g.getLayer("stem_bn").activate(x, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray expected = x.add(Nd4j.create(bias, new long[]{1, 8, 1, 1}, 'c'));
        assertThat(y.equalsWithEps(expected, 1e-5)).as("BN output %s", y).isTrue();
        assertThat(bn.getParam("gamma").minNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void refusesAFileThatIsNotTflite(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("labels.tflite"), "not a model at all");
        assertThatThrownBy(() -> TfliteImporter.importFile(text)).isInstanceOf(UserException.class)
                .hasMessage(text + " is not a TensorFlow Lite model (no TFL3 identifier); pass a .tflite file.");
        assertThatThrownBy(() -> TfliteImporter.importFile(tmp.resolve("missing.tflite"))).isInstanceOf(UserException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesATruncatedFile(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path cut = Files.write(tmp.resolve("cut.tflite"), Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> TfliteImporter.importFile(cut)).isInstanceOf(UserException.class)
                .hasMessageMatching(".*cut.tflite is a damaged or truncated TensorFlow Lite file; download it again\\.");
    }

    @Test
    void refusesAnotherFamilyNamingTheOperator(@TempDir Path tmp) throws IOException {
        // The fixture with its depthwise convolutions turned into MAX_POOL_2D (builtin code 17): not a MobileNet.
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
        FlatTable root = FlatTable.root(buf);
        for (int i = 0; i < root.vectorLength(1); i++) {
            FlatTable code = root.tableAt(1, i);
            if (Math.max(code.getByte(0, 0), code.getInt(3, 0)) == TfliteModel.DEPTHWISE_CONV_2D) {
                if (code.field(0) != 0) {
                    buf.put(code.field(0), (byte) 17);
                }
                if (code.field(3) != 0) {
                    buf.putInt(code.field(3), 17);
                }
            }
        }
        Path other = Files.write(tmp.resolve("other.tflite"), buf.array());
        assertThatThrownBy(() -> TfliteImporter.importFile(other)).isInstanceOf(UserException.class)
                .hasMessage("other.tflite uses the operator MAX_POOL_2D, which the importer does not support: it reads"
                        + " MobileNet v1/v2 classifiers as TensorFlow publishes them or as Keras exports them.");
    }

    @Test
    void refusesAnotherShapeNamingTheFirstMismatch(@TempDir Path tmp) throws IOException {
        // The first pointwise convolution claims 24 output channels instead of 16 (as a different width would).
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
        TfliteModel parsed = TfliteModel.parse(buf.duplicate());
        TfliteModel.Operator pointwise = parsed.operators().get(2);
        assertThat(pointwise.code()).isEqualTo(TfliteModel.CONV_2D);
        FlatTable graph = FlatTable.root(buf).tableAt(2, 0);
        FlatTable weights = graph.tableAt(0, pointwise.inputs()[1]);
        assertThat(weights.ints(0)).containsExactly(16, 1, 1, 8);
        buf.putInt(weights.vectorStart(0), 24);
        Path other = Files.write(tmp.resolve("wide.tflite"), buf.array());
        assertThatThrownBy(() -> TfliteImporter.importFile(other)).isInstanceOf(UserException.class)
                .hasMessage("wide.tflite is not a MobileNet v1/v2 of a supported shape: operator 3 of 28 with weights (CONV_2D [24, 1, 1, 8])"
                        + " does not fit mobilenetv1-0.25-128's layer block0_pw (expected CONV_2D [16, 1, 1, 8]).");
    }

    @Test
    void refusesAnInputNormalisationOtherThanMinusOneToOne(@TempDir Path tmp) throws IOException {
        // The input's quantisation scale set to 1/255: pixels would map to [-0.5, 0.5], which our bundles cannot declare.
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
        TfliteModel parsed = TfliteModel.parse(buf.duplicate());
        FlatTable input = FlatTable.root(buf).tableAt(2, 0).tableAt(0, parsed.inputs()[0]);
        buf.putFloat(input.table(4).vectorStart(2), 1f / 255);
        Path other = Files.write(tmp.resolve("scaled.tflite"), buf.array());
        assertThatThrownBy(() -> TfliteImporter.importFile(other)).isInstanceOf(UserException.class)
                .hasMessage("scaled.tflite maps pixel values to [-0.502, 0.498], not to [-1, 1] as MobileNets do; it cannot be imported.");
    }

    @Test
    void refusesLabelsThatDoNotMatchTheOutputs(@TempDir Path tmp) throws IOException {
        Path few = Files.writeString(tmp.resolve("few.txt"), "a\nb\nc\n");
        assertThatThrownBy(() -> TfliteImporter.importBundle(model, few, "x", "imagenet", "test")).isInstanceOf(UserException.class)
                .hasMessageContaining("has 3 labels but mobilenet_v1_0.25_128_quant.tflite has 1001 outputs");
    }

    @Test
    void prependsBackgroundWhenTheLabelsLackIt(@TempDir Path tmp) throws IOException {
        List<String> lines = Files.readAllLines(labels);
        Path without = Files.write(tmp.resolve("1000.txt"), lines.subList(1, lines.size()));
        ModelBundle b = TfliteImporter.importBundle(model, without, "x", "imagenet", "test");
        assertThat(b.info().labels()).hasSize(1001).first().isEqualTo("background");
    }

    @Test
    void dequantisesPerChannel() {
        // uint8 [2, 1, 1, 2], channel 0: scale 0.5, zero 1; channel 1: scale 2, zero 3.
        ByteBuffer data = ByteBuffer.wrap(new byte[]{1, 5, 3, (byte) 255});
        TfliteModel.Tensor t = new TfliteModel.Tensor("w", new int[]{2, 1, 1, 2}, TfliteModel.UINT8, data,
                new TfliteModel.Quantisation(new float[]{0.5f, 2f}, new long[]{1, 3}, 0));
        assertThat(t.values()).containsExactly(0f, 2f, 0f, 504f);
    }
}
