package org.vestis.video.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.io.Downloader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.vestis.UserException;

/** Finding and downloading model files; downloads only ever go to a server on 127.0.0.1. */
class ModelFilesTest {
    static final List<ModelFile> ALL = List.of(ModelFiles.YUNET, ModelFiles.YOLO_BODY_CFG, ModelFiles.YOLO_BODY_WEIGHTS,
            ModelFiles.YOLO_COCO_CFG, ModelFiles.YOLO_COCO_WEIGHTS);

    @TempDir
    Path tmp;

    private Path cache() {
        return tmp.resolve("cache");
    }

    /** A models directory holding one small stand-in file, and the ModelFile describing it. */
    private ModelFile standIn(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return new ModelFile(relative, "https://example.invalid/never-used/" + file.getFileName(), Downloader.sha256Of(file));
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void explicitPathWinsOverEverythingElse() throws IOException {
        Path env = tmp.resolve("env");
        ModelFile file = standIn(env, "net/model.onnx", "from env");
        Path explicit = Files.writeString(tmp.resolve("mine.onnx"), "mine");
        ModelFiles models = new ModelFiles(env.toString(), cache(), ModelServer.unreachableUrl());

        assertThat(models.resolve(file, explicit)).isEqualTo(explicit);
    }

    @Test
    void missingExplicitPathIsAUserError() throws IOException {
        Path explicit = tmp.resolve("nope.weights");
        ModelFiles models = new ModelFiles(null, cache(), ModelServer.unreachableUrl());

        assertThatThrownBy(() -> models.resolve(ModelFiles.YOLO_BODY_WEIGHTS, explicit))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(explicit.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void environmentDirectoryComesBeforeTheCache() throws IOException {
        Path env = tmp.resolve("env");
        ModelFile file = standIn(env, "net/model.onnx", "from env");
        standIn(cache(), "net/model.onnx", "from cache");
        ModelFiles models = new ModelFiles(env.toString(), cache(), ModelServer.unreachableUrl());

        assertThat(models.resolve(file)).isEqualTo(env.resolve("net/model.onnx"));
    }

    @Test
    void environmentDirectoryWithoutTheFileIsAUserError() throws IOException {
        Path env = Files.createDirectories(tmp.resolve("env"));
        ModelFiles models = new ModelFiles(env.toString(), cache(), null);

        assertThatThrownBy(() -> models.resolve(ModelFiles.YOLO_BODY_CFG))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(ModelFiles.ENV)
                .hasMessageContaining(env.toString())
                .hasMessageContaining(ModelFiles.YOLO_BODY_CFG.path())
                .hasMessageContaining(ModelFiles.YOLO_BODY_CFG.url());
        assertThat(filesUnder(cache())).isEmpty();
    }

    @Test
    void modelsDirectoryFromTheConfigIsNamedInTheError() {
        Path dir = tmp.resolve("configured");
        assertThatThrownBy(() -> ModelFiles.standard(dir.toString()).resolve(ModelFiles.YUNET))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("detector-models")
                .hasMessageContaining(ModelFiles.YUNET.url());
    }

    @Test
    void blankEnvironmentValueMeansNotSet() throws IOException {
        ModelFile file = standIn(cache(), "net/model.onnx", "cached");
        ModelFiles models = new ModelFiles("  ", cache(), ModelServer.unreachableUrl());

        assertThat(models.resolve(file)).isEqualTo(cache().resolve("net/model.onnx"));
    }

    @Test
    void downloadsIntoTheCacheOnceVerifiedAndUnderOurName() throws IOException {
        Path served = tmp.resolve("served");
        ModelFile upstream = standIn(served, "upstream/upstream-name.onnx", "model bytes");
        try (ModelServer server = new ModelServer(served)) {
            // Upstream calls it differently (as YuNet's source does): it is stored under our name.
            ModelFile file = new ModelFile("net/our-name.onnx", server.url() + "upstream/upstream-name.onnx", upstream.sha256());
            ModelFiles models = new ModelFiles(null, cache(), null);

            Path first = models.resolve(file);
            Path second = models.resolve(file);

            assertThat(first).isEqualTo(cache().resolve("net/our-name.onnx")).hasContent("model bytes");
            assertThat(second).isEqualTo(first);
            assertThat(server.requests("upstream/upstream-name.onnx")).isEqualTo(1);
            try (Stream<Path> dirs = Files.list(cache().resolve("net"))) {
                assertThat(dirs.map(p -> p.getFileName().toString())).containsExactly("our-name.onnx"); // no staging left
            }
        }
    }

    @Test
    void wrongChecksumFailsAndLeavesNothingBehind() throws IOException {
        Path served = tmp.resolve("served");
        standIn(served, "net/model.onnx", "tampered bytes");
        try (ModelServer server = new ModelServer(served)) {
            ModelFile file = new ModelFile("net/model.onnx", "unused", "00".repeat(32));
            ModelFiles models = new ModelFiles(null, cache(), server.url());

            assertThatThrownBy(() -> models.resolve(file))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("model.onnx")
                    .hasMessageContaining(server.url() + "net/model.onnx")
                    .hasMessageContaining("SHA-256")
                    .hasMessageContaining(cache().resolve("net/model.onnx").toString());
            assertThat(server.requests("net/model.onnx")).isEqualTo(2); // one retry
            assertThat(filesUnder(cache())).isEmpty();
        }
    }

    @Test
    void offlineWithoutTheFileSaysWhatIsMissingWhereFromAndWhereToPutIt() throws IOException {
        String unreachable = ModelServer.unreachableUrl();
        ModelFiles models = new ModelFiles(null, cache(), unreachable);

        assertThatThrownBy(() -> models.resolve(ModelFiles.YUNET))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("The model file face_detection_yunet_2023mar.onnx is missing")
                .hasMessageContaining(unreachable + "face_detection_yunet_2023mar.onnx")
                .hasMessageContaining(cache().resolve("face_detection_yunet_2023mar.onnx").toString())
                .hasMessageContaining(ModelFiles.ENV);
        assertThat(filesUnder(cache())).isEmpty();
    }

    @Test
    void factoryReportsTheMissingModelForDnnDetectors() throws IOException {
        DetectorSettings settings = DetectorSettings.defaults().withModels(new ModelFiles(null, cache(), ModelServer.unreachableUrl()));

        assertThatThrownBy(() -> Detectors.create("person", settings))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("yolo-fastest-1.1_body.cfg");
        assertThatThrownBy(() -> Detectors.create("face-torso", settings))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("face_detection_yunet_2023mar.onnx");
    }

    @Test
    void catalogueIsPinned() {
        for (ModelFile file : ALL) {
            assertThat(file.url()).as(file.path()).startsWith("https://raw.githubusercontent.com/").matches(".*/[0-9a-f]{40}/.*");
            assertThat(file.sha256()).as(file.path()).matches("[0-9a-f]{64}");
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder to check against its pretrained/ copies")
    void catalogueMatchesTheSharedCopies() throws IOException {
        Map<String, String> sums = Files.readAllLines(TestImages.pretrained().resolve("SHA256SUMS")).stream()
                .filter(l -> !l.isBlank())
                .collect(Collectors.toMap(l -> l.substring(l.indexOf("./") + 2), l -> l.substring(0, 64)));
        for (ModelFile file : ALL) {
            assertThat(sums).as("SHA256SUMS").containsEntry(file.path(), file.sha256());
            assertThat(Downloader.sha256Of(TestImages.pretrained().resolve(file.path()))).isEqualTo(file.sha256());
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder to serve its real model files")
    void downloadsTheRealModelsFromAMirrorAndTheDetectorsRunOnThem() throws IOException {
        try (ModelServer server = new ModelServer(TestImages.pretrained())) {
            ModelFiles models = new ModelFiles(null, cache(), server.url());
            DetectorSettings settings = DetectorSettings.defaults().withModels(models);

            try (Detector person = Detectors.create("person", settings);
                 Detector faces = Detectors.create("face-torso", settings)) {
                assertThat(person).isInstanceOf(YoloPersonDetector.class);
                assertThat(faces).isInstanceOf(FaceTorsoDetector.class);
            }
            for (ModelFile file : List.of(ModelFiles.YUNET, ModelFiles.YOLO_BODY_CFG, ModelFiles.YOLO_BODY_WEIGHTS)) {
                Path cached = cache().resolve(file.path());
                assertThat(Downloader.sha256Of(cached)).isEqualTo(file.sha256());
                assertThat(server.requests(file.path())).isEqualTo(1);
            }
            // Now cached: no second request.
            Detectors.create("person", settings).close();
            assertThat(server.requests(ModelFiles.YOLO_BODY_WEIGHTS.path())).isEqualTo(1);
        }
    }
}
