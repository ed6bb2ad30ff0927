package org.vestis.photo;

import org.junit.jupiter.api.Test;
import org.vestis.model.ModelBundle;
import org.vestis.model.Prediction;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** The committed Fashion-MNIST bundle on the four test photos: the batch size changes nothing but the passes. */
class BatchPredictorTest {
    private static final ModelBundle BUNDLE = ModelBundle.load(Path.of("models/fashion-mnist-seed-cnn")).forInference();

    @Test
    void batchesOfTwoAndOneBatchGiveEachPhotoTheSameAnswer() throws IOException {
        List<BufferedImage> photos = photos();
        List<BufferedImage> seen = new ArrayList<>();
        PhotoPreprocessor preprocessor = new PhotoPreprocessor(BUNDLE.info().input(), BUNDLE.info().preprocessing());
        BatchPredictor<BufferedImage> byTwo = new BatchPredictor<>(BUNDLE, photo -> {
            seen.add(photo);
            return preprocessor.toInput(photo);
        }, BUNDLE::output, 2);

        List<Prediction> all = BatchPredictor.photos(BUNDLE, BatchPredictor.ONE_BATCH).predict(photos, 3);
        List<Prediction> pairs = byTwo.predict(photos, 3);

        assertThat(seen).as("each photo preprocessed once, in order")
                .containsExactlyElementsOf(photos);
        assertThat(pairs).hasSize(photos.size());
        for (int i = 0; i < photos.size(); i++) {
            assertThat(pairs.get(i).top()).hasSize(3);
            assertThat(pairs.get(i).top().get(0).label()).isEqualTo(all.get(i).top().get(0).label());
            float[] a = all.get(i).probabilities();
            float[] b = pairs.get(i).probabilities();
            assertThat(b).hasSize(BUNDLE.info().labels().size());
            for (int c = 0; c < a.length; c++) {
                assertThat((double) b[c]).isCloseTo(a[c], offset(1e-5));
            }
        }
    }

    @Test
    void noImagesNoForwardPass() {
        BatchPredictor<BufferedImage> failing = new BatchPredictor<>(BUNDLE, photo -> new float[0], x -> {
            throw new AssertionError("forward pass without images");
        }, 4);
        assertThat(failing.probabilities(List.of())).isEmpty();
    }

    private static List<BufferedImage> photos() throws IOException {
        List<BufferedImage> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/photos"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                photos.add(ImageIO.read(p.toFile()));
            }
        }
        assertThat(photos).hasSize(4);
        return photos;
    }
}
