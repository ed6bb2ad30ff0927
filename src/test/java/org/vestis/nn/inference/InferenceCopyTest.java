package org.vestis.nn.inference;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.model.ModelBundle;
import org.vestis.model.Prediction;
import org.vestis.photo.BatchPredictor;

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

/** The committed bundles give the same answers through the inference copy as through the network as saved. */
class InferenceCopyTest {

    @Test
    void fashionMnistCnnOnRealTestImages() {
        ModelBundle saved = ModelBundle.load(Path.of("models/fashion-mnist-cnn"));
        Dataset test = FashionMnist.test(Path.of("src/test/resources/fashion-mnist-sample"));
        float[] pixels = new float[test.pixels().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (test.pixels()[i] & 0xff) / 255f;
        }
        INDArray x = Nd4j.create(pixels, new long[]{test.size(), 1, 28, 28}, 'c');

        INDArray expected = saved.output(x);
        INDArray actual = saved.forInference().output(x);

        assertThat(expected.sub(actual).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(actual.argMax(1)).isEqualTo(expected.argMax(1));
    }

    @Test
    void clothingMobileNetV2OnRealPhotos() throws IOException {
        ModelBundle saved = ModelBundle.load(Path.of("models/clothing-mobilenetv2"));
        List<BufferedImage> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/photos"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                photos.add(ImageIO.read(p.toFile()));
            }
        }
        assertThat(photos).hasSize(4);

        List<Prediction> expected = BatchPredictor.photos(saved, BatchPredictor.ONE_BATCH).predict(photos, 3);
        List<Prediction> actual = BatchPredictor.photos(saved.forInference(), BatchPredictor.ONE_BATCH).predict(photos, 3);

        for (int i = 0; i < photos.size(); i++) {
            assertThat(actual.get(i).top().get(0).label()).isEqualTo(expected.get(i).top().get(0).label());
            float[] e = expected.get(i).probabilities();
            float[] a = actual.get(i).probabilities();
            for (int c = 0; c < e.length; c++) {
                assertThat((double) a[c]).isCloseTo(e[c], offset(1e-4));
            }
        }
    }
}
