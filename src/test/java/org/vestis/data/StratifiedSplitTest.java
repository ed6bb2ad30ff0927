package org.vestis.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StratifiedSplitTest {
    /** Class c has 40 + 10c images (unequal on purpose), in shuffled order. */
    private static final int[] CLASS_SIZES = {40, 50, 60, 70, 80, 90, 100, 110, 120, 130};

    /** Each 1x2 "image" holds its own index (big-endian), so every image can be identified after the split. */
    private static Dataset identifiable() {
        int total = 0;
        for (int n : CLASS_SIZES) {
            total += n;
        }
        byte[] labels = new byte[total];
        int k = 0;
        for (int c = 0; c < CLASS_SIZES.length; c++) {
            for (int i = 0; i < CLASS_SIZES[c]; i++) {
                labels[k++] = (byte) c;
            }
        }
        Random rng = new Random(123);
        for (int i = total - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            byte t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        byte[] pixels = new byte[total * 2];
        for (int i = 0; i < total; i++) {
            pixels[2 * i] = (byte) (i >> 8);
            pixels[2 * i + 1] = (byte) i;
        }
        return new Dataset(pixels, labels, 1, 2, 10);
    }

    private static int id(Dataset data, int i) {
        return ((data.pixels()[2 * i] & 0xff) << 8) | (data.pixels()[2 * i + 1] & 0xff);
    }

    private static Set<Integer> ids(Dataset data) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            ids.add(id(data, i));
        }
        return ids;
    }

    @Test
    void nineToOneKeepsEveryClassShare() {
        Dataset all = identifiable();

        StratifiedSplit.Parts parts = StratifiedSplit.split(all, 0.1, 42);

        int[] val = TestData.classCounts(parts.validation());
        int[] train = TestData.classCounts(parts.train());
        for (int c = 0; c < CLASS_SIZES.length; c++) {
            assertThat(val[c]).as("validation images of class %d", c).isEqualTo(CLASS_SIZES[c] / 10);
            assertThat(train[c]).as("training images of class %d", c).isEqualTo(CLASS_SIZES[c] - CLASS_SIZES[c] / 10);
        }
        assertThat(parts.validation().size()).isEqualTo(85);
        assertThat(parts.train().size()).isEqualTo(765);
    }

    @Test
    void partsAreDisjointCompleteAndKeepLabels() {
        Dataset all = identifiable();

        StratifiedSplit.Parts parts = StratifiedSplit.split(all, 0.1, 42);

        Set<Integer> train = ids(parts.train());
        Set<Integer> val = ids(parts.validation());
        assertThat(train).hasSize(parts.train().size()); // no duplicates within a part
        assertThat(val).hasSize(parts.validation().size());
        assertThat(train).doesNotContainAnyElementsOf(val);
        Set<Integer> union = new HashSet<>(train);
        union.addAll(val);
        assertThat(union).hasSize(all.size());
        for (Dataset part : new Dataset[]{parts.train(), parts.validation()}) {
            assertThat(part.height()).isEqualTo(1);
            assertThat(part.width()).isEqualTo(2);
            assertThat(part.numClasses()).isEqualTo(10);
            for (int i = 0; i < part.size(); i++) {
                assertThat(part.label(i)).isEqualTo(all.label(id(part, i)));
            }
        }
    }

    @Test
    void sameSeedSameSplit() {
        Dataset all = identifiable();

        StratifiedSplit.Parts a = StratifiedSplit.split(all, 0.1, 7);
        StratifiedSplit.Parts b = StratifiedSplit.split(all, 0.1, 7);

        assertThat(a.train().pixels()).isEqualTo(b.train().pixels());
        assertThat(a.train().labels()).isEqualTo(b.train().labels());
        assertThat(a.validation().pixels()).isEqualTo(b.validation().pixels());
        assertThat(a.validation().labels()).isEqualTo(b.validation().labels());
    }

    @Test
    void anotherSeedAnotherSplit() {
        Dataset all = identifiable();

        StratifiedSplit.Parts a = StratifiedSplit.split(all, 0.1, 7);
        StratifiedSplit.Parts b = StratifiedSplit.split(all, 0.1, 8);

        assertThat(ids(a.validation())).isNotEqualTo(ids(b.validation()));
        assertThat(TestData.classCounts(a.validation())).containsExactly(TestData.classCounts(b.validation()));
    }

    @Test
    void splitsTheRealSampleByClass() {
        Dataset train = FashionMnist.train(TestData.sampleDir());

        StratifiedSplit.Parts parts = StratifiedSplit.split(train, 0.1, 1);

        int[] val = TestData.classCounts(parts.validation());
        for (int c = 0; c < 10; c++) {
            assertThat(val[c]).isEqualTo((int) Math.round(TestData.SAMPLE_TRAIN_COUNTS[c] * 0.1));
        }
        assertThat(parts.train().size() + parts.validation().size()).isEqualTo(600);
    }
}
