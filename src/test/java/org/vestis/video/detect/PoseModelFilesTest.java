package org.vestis.video.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.garment.PoseLandmarker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import org.vestis.io.Downloader;

/** The pose landmark models in the model catalogue: MediaPipe's storage, pinned by object generation and checksum. */
class PoseModelFilesTest {
    private static final List<ModelFile> POSE = List.of(ModelFiles.POSE_LITE, ModelFiles.POSE_FULL);

    @TempDir
    Path tmp;

    @Test
    void poseModelsArePinned() {
        for (ModelFile file : POSE) {
            assertThat(file.url()).as(file.path())
                    .matches("https://storage\\.googleapis\\.com/mediapipe-assets/" + file.fileName() + "\\?generation=[0-9]+");
            assertThat(file.sha256()).matches("[0-9a-f]{64}");
            assertThat(file.path()).isEqualTo("pose/" + file.fileName());
        }
    }

    @Test
    void aUrlWithAQueryDownloadsUnderOurName() throws IOException {
        Path served = tmp.resolve("served");
        Path file = served.resolve("pose/pose_landmark_lite.tflite");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "stand-in");
        try (ModelServer server = new ModelServer(served)) {
            ModelFile standIn = new ModelFile("pose/pose_landmark_lite.tflite",
                    server.url() + "pose/pose_landmark_lite.tflite?generation=1661875901231143", Downloader.sha256Of(file));
            Path cached = new ModelFiles(null, tmp.resolve("cache"), null).resolve(standIn);

            assertThat(cached).isEqualTo(tmp.resolve("cache/pose/pose_landmark_lite.tflite"));
            assertThat(Files.readString(cached)).isEqualTo("stand-in");
            try (var left = Files.list(cached.getParent())) {
                assertThat(left).containsExactly(cached);
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder to check against its pretrained/ copies")
    void poseModelsMatchTheSharedCopiesAndLoadFromAMirror() throws IOException {
        for (ModelFile file : POSE) {
            assertThat(Downloader.sha256Of(TestImages.pretrained().resolve(file.path()))).as(file.path()).isEqualTo(file.sha256());
        }
        try (ModelServer server = new ModelServer(TestImages.pretrained())) {
            ModelFiles models = new ModelFiles(null, tmp.resolve("cache"), server.url());
            try (PoseLandmarker landmarker = PoseLandmarker.standard(models, false)) {
                assertThat(landmarker).isNotNull();
            }
            assertThat(server.requests(ModelFiles.POSE_LITE.path())).isEqualTo(1);
            assertThat(Downloader.sha256Of(tmp.resolve("cache").resolve(ModelFiles.POSE_LITE.path()))).isEqualTo(ModelFiles.POSE_LITE.sha256());
        }
    }
}
