package org.vestis.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.vestis.model.zoo.MobileNetV2;
import org.vestis.nn.dnnl.BatchNormRelu;
import org.vestis.nn.dnnl.DnnlConvolutionLayer;
import org.vestis.nn.dnnl.DnnlDense;
import org.vestis.nn.dnnl.DnnlMaxPool;
import org.vestis.nn.dnnl.DnnlOutput;
import org.vestis.nn.dnnl.DnnlRelu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyClassNamesTest {
    private static final Path LEGACY = Path.of("src/test/resources/legacy-layers");
    private static final Pattern OUR_CLASS = Pattern.compile("\"@class\" : \"(org\\.vestis\\.[\\w.]+)\"");

    @Test
    void aModelSavedWithThePreviousClassNamesLoadsAndComputesAsBefore() throws IOException {
        Path zip = LEGACY.resolve("model.zip");
        assertTrue(configuration(zip).contains("org.vestis.model.DnnlDense"), "the fixture names the old classes");
        Model model = ModelBundle.restore(zip, true);
        List<String> lines = Files.readAllLines(LEGACY.resolve("expected-output.txt"));
        float[] expected = new float[lines.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Float.parseFloat(lines.get(i).trim());
        }
        assertArrayEquals(expected, ModelBundle.output(model, input()).data().asFloat(), 1e-5f);
        assertTrue(((MultiLayerNetwork) model).getUpdater().getStateViewArray() != null, "the optimiser state came along");
    }

    @Test
    void everyLayerClassOfOursSurvivesSavingAndLoading(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.RELU)
                .updater(new Adam(1e-3)).convolutionMode(ConvolutionMode.Same).list()
                .layer(DnnlConvolutionLayer.of(3, 4, new DnnlRelu(), true))
                .layer(DnnlMaxPool.of(2))
                .layer(DnnlConvolutionLayer.of(3, 4, Activation.IDENTITY.getActivationFunction(), false))
                .layer(new BatchNormRelu())
                .layer(DnnlDense.of(8, new DnnlRelu()))
                .layer(DnnlOutput.softmax(3, 0.5))
                .setInputType(InputType.convolutional(8, 8, 1)).build());
        net.init();
        // The inference copy holds the channels-last, folded and inference layers (never saved by Vestis, but
        // they must survive a save too); a small MobileNetV2 brings the depthwise one.
        ComputationGraph mobile = new ComputationGraph(MobileNetV2.configuration(32, 3, 3, 0.35, 7));
        mobile.init();
        Model inferenceMobile = ModelBundle.inferenceCopy(mobile);
        Model inferenceCnn = ModelBundle.inferenceCopy(net);
        Set<String> saved = new TreeSet<>();
        Model[] models = {net, inferenceCnn, inferenceMobile};
        INDArray[] inputs = {input(), input(), Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32)};
        for (int i = 0; i < models.length; i++) {
            Model m = models[i];
            INDArray x = inputs[i];
            Path file = dir.resolve(i + ".zip");
            ModelSerializer.writeModel(m, file.toFile(), true);
            saved.addAll(ourClasses(configuration(file)));
            assertArrayEquals(ModelBundle.output(m, x).data().asFloat(), ModelBundle.output(ModelBundle.restore(file, true), x).data().asFloat(), 1e-5f);
        }
        assertEquals(Set.of("org.vestis.nn.dnnl.BatchNormRelu", "org.vestis.nn.dnnl.DnnlConvolutionLayer", "org.vestis.nn.dnnl.DnnlDense",
                        "org.vestis.nn.dnnl.DnnlMaxPool", "org.vestis.nn.dnnl.DnnlOutput", "org.vestis.nn.dnnl.DnnlRelu",
                        "org.vestis.nn.inference.ChannelsLastConvolution", "org.vestis.nn.inference.ChannelsLastDepthwise",
                        "org.vestis.nn.inference.InferenceDense", "org.vestis.nn.inference.InferenceOutput", "org.vestis.nn.inference.NchwToNhwc"),
                saved, "the classes our saved configurations name; each needs its old name in LegacyClassNames");
        for (String name : saved) {
            String old = "org.vestis.model." + name.substring(name.lastIndexOf('.') + 1);
            assertEquals(name, LegacyClassNames.modernise(old), old);
        }
    }

    @Test
    void namesOfClassesThatNeverMovedStay() {
        String json = "{\"@class\" : \"org.vestis.model.ModelInfo\", \"x\" : \"org.deeplearning4j.nn.conf.layers.DenseLayer\"}";
        assertEquals(json, LegacyClassNames.modernise(json));
    }

    private static INDArray input() {
        return Nd4j.linspace(0, 1, 128).reshape(2, 1, 8, 8).castTo(DataType.FLOAT);
    }

    private static String configuration(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry("configuration.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> ourClasses(String json) {
        Set<String> names = new TreeSet<>();
        Matcher m = OUR_CLASS.matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
