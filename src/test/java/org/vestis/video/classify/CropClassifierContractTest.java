package org.vestis.video.classify;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vestis.model.ModelBundle;
import org.vestis.video.Box;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;
import org.vestis.video.source.VideoFileSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What {@link CropClassifier} promises for every bundle committed under models/ (gray Fashion-MNIST CNNs and RGB
 * MobileNets, single-label and garment models alike), on a frame of the committed walking clip: one probability
 * vector per crop, in order, over the bundle's labels; a crop's result does not depend on the other crops of its
 * batch; boxes are clipped to the frame; colour crops only for colour models; the frame is left untouched.
 */
class CropClassifierContractTest {
    /** Boxes on the clip's 640x360 frame: a person-sized one, one reaching past the frame's corner, the whole frame. */
    private static final List<Box> BOXES = List.of(new Box(250, 40, 140, 280), new Box(560, 300, 200, 200),
            new Box(0, 0, TestVideos.FIXTURE_WIDTH, TestVideos.FIXTURE_HEIGHT));
    private static final Map<String, ModelBundle> LOADED = new HashMap<>();
    private static VideoFrame frame;

    static Stream<String> bundles() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("models"))) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("model.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).as("committed bundles").isNotEmpty();
            return names.stream();
        }
    }

    @BeforeAll
    static void middleFrame() throws IOException {
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture())) {
            for (int i = 0; i <= TestVideos.FIXTURE_FRAMES / 2; i++) {
                if (frame != null) {
                    frame.close();
                }
                frame = source.next();
            }
        }
    }

    @AfterAll
    static void release() {
        frame.close();
        LOADED.clear();
    }

    /** Each bundle is loaded once for all the tests. */
    private static ModelBundle bundle(String name) {
        return LOADED.computeIfAbsent(name, b -> ModelBundle.load(Path.of("models", b)));
    }

    private static CropClassifier classifier(String bundle) {
        return new CropClassifier(bundle(bundle));
    }

    private static List<float[]> classify(CropClassifier classifier, List<Box> boxes) {
        List<CropClassifier.Crop> crops = classifier.crops(frame.image(), boxes);
        try {
            return classifier.classify(crops);
        } finally {
            crops.forEach(CropClassifier.Crop::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void oneProbabilityVectorPerCropOverTheBundlesLabels(String bundle) {
        CropClassifier classifier = classifier(bundle);
        List<float[]> out = classify(classifier, BOXES);
        assertThat(out).hasSize(BOXES.size());
        for (float[] p : out) {
            assertThat(p).hasSize(classifier.labels().size());
            double sum = 0;
            for (float v : p) {
                assertThat(v).isBetween(0f, 1f);
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-3));
        }
        assertThat(classifier.classify(List.of())).as("no crops, no work").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void aCropsResultDoesNotDependOnTheRestOfItsBatch(String bundle) {
        CropClassifier classifier = classifier(bundle);
        List<float[]> batch = classify(classifier, BOXES);
        for (int i = 0; i < BOXES.size(); i++) {
            float[] alone = classify(classifier, List.of(BOXES.get(i))).get(0);
            for (int k = 0; k < alone.length; k++) {
                assertThat(batch.get(i)[k]).as("crop %d, class %d", i, k).isCloseTo(alone[k], within(1e-4f));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void cropsAreClippedToTheFrameInColourOnlyForColourModelsAndLeaveTheFrameAlone(String bundle) {
        CropClassifier classifier = classifier(bundle);
        boolean colour = !bundle(bundle).info().preprocessing().grayscale();
        try (Mat before = frame.image().clone()) {
            List<CropClassifier.Crop> crops = classifier.crops(frame.image(), BOXES);
            try {
                assertThat(crops).extracting(CropClassifier.Crop::box).containsExactlyElementsOf(BOXES);
                for (CropClassifier.Crop c : crops) {
                    assertThat(c.gray().empty()).isFalse();
                    assertThat(c.gray().cols()).isLessThanOrEqualTo(frame.width());
                    assertThat(c.gray().rows()).isLessThanOrEqualTo(frame.height());
                    assertThat(c.bgr() != null).as("a colour crop").isEqualTo(colour);
                }
                classifier.classify(crops);
            } finally {
                crops.forEach(CropClassifier.Crop::close);
            }
            assertThat(bytes(frame.image())).isEqualTo(bytes(before));
        }
    }

    private static byte[] bytes(Mat m) {
        byte[] b = new byte[(int) (m.total() * m.elemSize())];
        m.data().get(b);
        return b;
    }
}
