package org.vestis.model.zoo;

import com.sun.net.httpserver.HttpServer;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vestis.UserException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.Adler32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ZooWeights against a real HTTP server on 127.0.0.1 serving a tiny DL4J model under a zoo-style path, with a
 * test zoo model whose URL goes through DL4JResources and whose checksum is Adler32, like ResNet50's and VGG16's;
 * and the real ResNet50 and VGG16 themselves, served the tiny model under their file names, its zip given their
 * checksums by {@link AdlerForger}.
 */
class ZooWeightsTest {
    static final String FILE = "tinyzoo_dl4j_inference.v1.zip";

    /** A zoo model like the real ones: URL from DL4JResources, the file's Adler32 as its checksum. */
    static final class TinyZoo extends ZooModel<TinyZoo> {
        private final long checksum;

        TinyZoo(long checksum) {
            this.checksum = checksum;
        }

        @Override
        public String pretrainedUrl(PretrainedType type) {
            return type == PretrainedType.IMAGENET ? DL4JResources.getURLString("models/" + FILE) : null;
        }

        @Override
        public long pretrainedChecksum(PretrainedType type) {
            return checksum;
        }

        @Override
        public Class<? extends Model> modelType() {
            return ComputationGraph.class;
        }

        @Override
        public <M extends Model> M init() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ModelMetaData metaData() {
            return null;
        }

        @Override
        public void setInputShape(int[][] shape) {
        }
    }

    @TempDir
    Path cache;
    @TempDir
    Path work;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] served;
    private ComputationGraph tiny;
    private long checksum;

    @BeforeEach
    void serveATinyModel() throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        tiny = new ComputationGraph(conf);
        tiny.init();
        Path zip = work.resolve(FILE);
        ModelSerializer.writeModel(tiny, zip.toFile(), false);
        served = Files.readAllBytes(zip);
        Adler32 adler = new Adler32();
        adler.update(served);
        checksum = adler.getValue();

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serveAt(FILE);
        server.start();
    }

    /** Serves the current {@link #served} bytes at the zoo path models/FILE under the mirror, counting requests. */
    private void serveAt(String file) {
        server.createContext("/mirror/models/" + file, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, served.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(served);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String mirror() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror"; // no trailing slash: ZooWeights adds it
    }

    private Path cachedFile() {
        return cache.resolve("models").resolve("tinyzoo").resolve(FILE);
    }

    private List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void firstLoadDownloadsIntoTheCacheThenTheCacheServes() throws IOException {
        String dl4jUrl = DL4JResources.getBaseDownloadURL();
        ZooWeights weights = new ZooWeights(cache, mirror());

        ComputationGraph first = weights.load(new TinyZoo(checksum));

        assertThat(first.params()).isEqualTo(tiny.params());
        assertThat(first.getConfiguration().toJson()).isEqualTo(tiny.getConfiguration().toJson());
        assertThat(filesIn(cache)).containsExactly(cachedFile());
        assertThat(requests.get()).isEqualTo(1);
        assertThat(weights.source(new TinyZoo(checksum)).url()).isEqualTo(mirror() + "/models/" + FILE);

        ComputationGraph second = weights.load(new TinyZoo(checksum));

        assertThat(second.params()).isEqualTo(tiny.params());
        assertThat(requests.get()).isEqualTo(1);
        assertThat(DL4JResources.getBaseDownloadURL()).isEqualTo(dl4jUrl); // global DL4J setting restored
    }

    @Test
    void corruptFileOnTheServerFailsTheChecksumAndLeavesNothingInTheCache() throws IOException {
        byte[] corrupt = served.clone();
        corrupt[corrupt.length / 2] ^= 0x55;
        served = corrupt;

        assertThatThrownBy(() -> new ZooWeights(cache, mirror()).load(new TinyZoo(checksum)))
                .isInstanceOf(UserException.class)
                .hasMessage("The ImageNet weights file " + cachedFile() + " failed the zoo's checksum (expected Adler32 " + checksum
                        + ") and was removed; retry, and if it fails again check that the mirror " + mirror() + "/models/" + FILE
                        + " serves the zoo's own file.");
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void serverDownSaysWhichFileToPutWhere() throws IOException {
        String url = mirror() + "/models/" + FILE;
        server.stop(0); // nothing listens on that port any more

        assertThatThrownBy(() -> new ZooWeights(cache, mirror()).load(new TinyZoo(checksum)))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("Could not download the ImageNet weights of tinyzoo from " + url + " (")
                .hasMessageEndingWith("); offline, put " + FILE + " (from that URL) in " + cachedFile().getParent()
                        + ", or point --zoo-mirror or VESTIS_ZOO_MIRROR at a reachable copy.");
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void aMirrorThatIsNotAnHttpUrlIsOneClearSentence() {
        for (String bad : new String[]{"mirror.example.com", "ftp://mirror.example.com/", "http://has space/"}) {
            assertThatThrownBy(() -> new ZooWeights(cache, bad)).isInstanceOf(UserException.class)
                    .hasMessageContaining("is not an http:// or https:// URL");
        }
    }

    @Test
    void aFilePutInTheCacheByHandIsUsedWithoutTheNetwork() throws IOException {
        server.stop(0);
        Files.createDirectories(cachedFile().getParent());
        Files.copy(work.resolve(FILE), cachedFile());

        ComputationGraph loaded = new ZooWeights(cache, mirror()).load(new TinyZoo(checksum));

        assertThat(loaded.params()).isEqualTo(tiny.params());
    }

    /**
     * The real zoo models, as the product builds them, with their real file names and checksums (DL4J 1.0.0-M2.1's
     * ResNet50 and VGG16 ImageNet weights). The mirror serves the tiny graph's zip given a comment that makes its
     * Adler32 the real one, so the zoo's own check passes as it would for the real file; a changed name or
     * checksum in a DL4J upgrade fails here, before it fails a user after a download of hundreds of megabytes.
     */
    static Stream<Arguments> realZooModels() {
        return Stream.of(
                Arguments.of(ZooNetworks.RESNET50, "resnet50_dl4j_inference.v3.zip", 3914447815L),
                Arguments.of(ZooNetworks.VGG16_NAME, "vgg16_dl4j_inference.zip", 3501732770L));
    }

    private Path cachedFile(String family, String file) {
        return cache.resolve("models").resolve(family).resolve(file); // the zoo's layout: models/<modelName>/<file>
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realZooModels")
    void aRealZooModelDownloadsItsRealFileChecksItThenLoadsItFromTheCache(String family, String file, long realChecksum) throws IOException {
        served = AdlerForger.withChecksum(served, realChecksum);
        serveAt(file);
        ZooWeights weights = new ZooWeights(cache, mirror());

        ComputationGraph first = weights.load(ZooNetworks.model(family, 10, 1));

        assertThat(first.params()).isEqualTo(tiny.params());
        assertThat(first.getConfiguration().toJson()).isEqualTo(tiny.getConfiguration().toJson());
        assertThat(filesIn(cache)).containsExactly(cachedFile(family, file));
        assertThat(Files.readAllBytes(cachedFile(family, file))).isEqualTo(served);
        assertThat(requests.get()).isEqualTo(1);

        ComputationGraph second = weights.load(ZooNetworks.model(family, 10, 1)); // checksum checked again, no request

        assertThat(second.params()).isEqualTo(tiny.params());
        assertThat(requests.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realZooModels")
    void aRealZooModelRefusesACorruptFile(String family, String file, long realChecksum) throws IOException {
        byte[] forged = AdlerForger.withChecksum(served, realChecksum);
        forged[served.length / 2] ^= 0x55; // inside the model's zip entries, not the comment
        served = forged;
        serveAt(file);

        assertThatThrownBy(() -> new ZooWeights(cache, mirror()).load(ZooNetworks.model(family, 10, 1)))
                .isInstanceOf(UserException.class)
                .hasMessage("The ImageNet weights file " + cachedFile(family, file) + " failed the zoo's checksum (expected Adler32 " + realChecksum
                        + ") and was removed; retry, and if it fails again check that the mirror " + mirror() + "/models/" + file
                        + " serves the zoo's own file.");
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void theRealZooModelsAskForTheirFilesUnderTheMirror() {
        ZooWeights.Source resnet = new ZooWeights(cache, "http://mirror.invalid/dl4j/").source(ZooNetworks.model("resnet50", 10, 1));
        assertThat(resnet.url()).isEqualTo("http://mirror.invalid/dl4j/models/resnet50_dl4j_inference.v3.zip");
        assertThat(resnet.file()).isEqualTo(cache.resolve("models/resnet50/resnet50_dl4j_inference.v3.zip"));
        ZooWeights.Source vgg = new ZooWeights(cache, "http://mirror.invalid/dl4j").source(ZooNetworks.model("vgg16", 10, 1));
        assertThat(vgg.url()).isEqualTo("http://mirror.invalid/dl4j/models/vgg16_dl4j_inference.zip");
        assertThat(vgg.adler32()).isEqualTo(3501732770L);
    }
}
