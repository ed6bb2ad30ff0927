package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BatchProducerTest {
    private static final int N = 250;

    /** N images of 28x28 whose first two pixels hold the image's index; label 7i mod 10 (25 of each class). */
    private static Dataset identifiable() {
        byte[] pixels = new byte[N * 784];
        byte[] labels = new byte[N];
        for (int i = 0; i < N; i++) {
            pixels[i * 784] = (byte) (i >> 8);
            pixels[i * 784 + 1] = (byte) i;
            pixels[i * 784 + 400] = (byte) 255;
            labels[i] = (byte) (7 * i % 10);
        }
        return new Dataset(pixels, labels, 28, 28, 10);
    }

    private static List<DataSet> epoch(BatchProducer producer) {
        List<DataSet> batches = new ArrayList<>();
        while (producer.hasNext()) {
            batches.add(producer.next());
        }
        return batches;
    }

    private static float[][] rows(DataSet batch) {
        int b = (int) batch.getFeatures().size(0);
        return batch.getFeatures().reshape(b, 784).toFloatMatrix();
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void oneEpochCoversEveryImageOnceInNchwBatches() {
        Dataset data = identifiable();
        int[] seen = new int[N];
        int[] labelCounts = new int[10];
        List<Integer> sizes = new ArrayList<>();

        try (BatchProducer producer = new BatchProducer(data, 32, null, 5)) {
            for (DataSet batch : epoch(producer)) {
                int b = (int) batch.getFeatures().size(0);
                sizes.add(b);
                assertThat(batch.getFeatures().shape()).containsExactly(b, 1, 28, 28);
                assertThat(batch.getLabels().shape()).containsExactly(b, 10);
                assertThat(batch.getFeatures().dataType()).isEqualTo(DataType.FLOAT);
                float[][] x = rows(batch);
                float[][] y = batch.getLabels().toFloatMatrix();
                for (int i = 0; i < b; i++) {
                    int id = Math.round(x[i][0] * 255) << 8 | Math.round(x[i][1] * 255);
                    seen[id]++;
                    assertThat(x[i][400]).isEqualTo(1f);
                    // one-hot, on the image's own label
                    assertThat(y[i]).containsOnly(0f, 1f);
                    float sum = 0;
                    for (float v : y[i]) {
                        sum += v;
                    }
                    assertThat(sum).isEqualTo(1f);
                    assertThat(argmax(y[i])).isEqualTo(data.label(id));
                    labelCounts[argmax(y[i])]++;
                }
            }
            assertThat(producer.hasNext()).isFalse();
            assertThatThrownBy(producer::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(sizes).containsExactly(32, 32, 32, 32, 32, 32, 32, 26);
        assertThat(seen).containsOnly(1);
        assertThat(labelCounts).containsOnly(25);
    }

    @Test
    void epochIsShuffled() {
        try (BatchProducer producer = new BatchProducer(identifiable(), N, null, 5)) {
            float[][] x = rows(producer.next());
            int inPlace = 0;
            for (int i = 0; i < N; i++) {
                if (Math.round(x[i][1] * 255) == (i & 0xff) && Math.round(x[i][0] * 255) == i >> 8) {
                    inPlace++;
                }
            }
            assertThat(inPlace).isLessThan(N / 10);
        }
    }

    @Test
    void sameSeedSameBatchesOtherSeedOtherOrder() {
        Dataset data = identifiable();
        Augmenter augmenter = new Augmenter(2, true);
        List<DataSet> a;
        List<DataSet> b;
        List<DataSet> c;
        try (BatchProducer pa = new BatchProducer(data, 64, augmenter, 11);
             BatchProducer pb = new BatchProducer(data, 64, augmenter, 11);
             BatchProducer pc = new BatchProducer(data, 64, augmenter, 12)) {
            a = epoch(pa);
            b = epoch(pb);
            c = epoch(pc);
        }
        assertThat(a).hasSize(4);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).getFeatures()).isEqualTo(b.get(i).getFeatures());
            assertThat(a.get(i).getLabels()).isEqualTo(b.get(i).getLabels());
        }
        assertThat(a.get(0).getLabels()).isNotEqualTo(c.get(0).getLabels());
    }

    @Test
    void augmentedEpochOfTheRealSampleKeepsLabelsAndRange() {
        Dataset test = FashionMnist.test(TestData.sampleDir());
        int[] labelCounts = new int[10];

        try (BatchProducer producer = new BatchProducer(test, 64, new Augmenter(2, true), 3)) {
            List<DataSet> batches = epoch(producer);
            assertThat(batches).hasSize(5); // ceil(300 / 64)
            for (DataSet batch : batches) {
                assertThat(batch.getFeatures().minNumber().floatValue()).isGreaterThanOrEqualTo(0f);
                assertThat(batch.getFeatures().maxNumber().floatValue()).isLessThanOrEqualTo(1f);
                for (float[] y : batch.getLabels().toFloatMatrix()) {
                    labelCounts[argmax(y)]++;
                }
            }
        }
        assertThat(labelCounts).containsExactly(TestData.SAMPLE_TEST_COUNTS);
    }

    @Test
    void aFailureInTheWorkerReachesTheConsumerInsteadOfHanging() {
        Dataset bad = new Dataset(new byte[784], new byte[]{10}, 28, 28, 10); // label 10 of 10 classes

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (BatchProducer producer = new BatchProducer(bad, 8, null, 1)) {
                assertThat(producer.hasNext()).isTrue();
                assertThatThrownBy(producer::next)
                        .isInstanceOf(IllegalStateException.class)
                        .hasRootCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
                assertThatThrownBy(producer::next).isInstanceOf(IllegalStateException.class);
            }
        });
    }
}
