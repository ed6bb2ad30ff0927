package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vestis.data.TestData.gzip;
import static org.vestis.data.TestData.idxImages;
import static org.vestis.data.TestData.idxLabels;
import static org.vestis.data.TestData.write;

/** Loading through FashionMnist, against the real 600/300-image sample in src/test/resources. */
class FashionMnistTest {

    @Test
    void loadsTheSampleTrainingSet() {
        Dataset train = FashionMnist.train(TestData.sampleDir());

        assertThat(train.size()).isEqualTo(600);
        assertThat(train.height()).isEqualTo(28);
        assertThat(train.width()).isEqualTo(28);
        assertThat(train.numClasses()).isEqualTo(10);
        assertThat(train.pixels()).hasSize(600 * 28 * 28);
        assertThat(TestData.classCounts(train)).containsExactly(TestData.SAMPLE_TRAIN_COUNTS);
        assertThat(train.label(0)).isEqualTo(9); // the first training image is an ankle boot
    }

    @Test
    void loadsTheSampleTestSet() {
        Dataset test = FashionMnist.test(TestData.sampleDir());

        assertThat(test.size()).isEqualTo(300);
        assertThat(test.pixels()).hasSize(300 * 28 * 28);
        assertThat(TestData.classCounts(test)).containsExactly(TestData.SAMPLE_TEST_COUNTS);
        // Every class is present and none dominates: the sample is usable for quick smoke training.
        for (int n : TestData.classCounts(test)) {
            assertThat(n).isBetween(20, 40);
        }
        // Real images: not blank, full 0..255 range used.
        int max = 0;
        long sum = 0;
        for (int i = 0; i < test.pixelsPerImage(); i++) {
            int v = test.pixels()[i] & 0xff;
            max = Math.max(max, v);
            sum += v;
        }
        assertThat(max).isEqualTo(255);
        assertThat(sum).isEqualTo(33456);
    }

    @Test
    void rejectsImagesAndLabelsOfDifferentSets() {
        Path sample = TestData.sampleDir();
        Path images = sample.resolve(FashionMnist.TRAIN_IMAGES);
        Path labels = sample.resolve(FashionMnist.TEST_LABELS);

        assertThatThrownBy(() -> FashionMnist.load(images, labels))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("600 images")
                .hasMessageContaining("300 labels");
    }

    @Test
    void rejectsLabelsOutsideTheTenClasses(@TempDir Path dir) throws IOException {
        Path images = write(dir.resolve("images.gz"), gzip(idxImages(2, 1, 1, new byte[]{0, 1})));
        Path labels = write(dir.resolve("labels.gz"), gzip(idxLabels((byte) 3, (byte) 10)));

        assertThatThrownBy(() -> FashionMnist.load(images, labels))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 10");
    }

    @Test
    void findsUnpackedFilesUnderTheNamesWithoutGz(@TempDir Path dir) throws IOException {
        for (String name : new String[]{FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS}) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(TestData.sampleDir().resolve(name)))) {
                write(dir.resolve(name.replace(".gz", "")), in.readAllBytes());
            }
        }

        assertThat(FashionMnistLocator.isComplete(dir)).isTrue();
        assertThat(FashionMnist.train(dir).size()).isEqualTo(600);
        assertThat(FashionMnist.test(dir).size()).isEqualTo(300);
    }

    @Test
    void rejectsImagesOfAnotherSize(@TempDir Path dir) throws IOException {
        Path images = write(dir.resolve("images.gz"), gzip(idxImages(1, 2, 2, new byte[]{0, 1, 2, 3})));
        Path labels = write(dir.resolve("labels.gz"), gzip(idxLabels((byte) 3)));

        assertThatThrownBy(() -> FashionMnist.load(images, labels))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("2x2 images");
    }
}
