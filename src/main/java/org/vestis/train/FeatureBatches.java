package org.vestis.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/** Minibatches of cached backbone features (one row per photo or augmented copy) with one-hot labels. */
final class FeatureBatches implements BatchSource {
    private final PhotoFeatures features;
    private final int classes;
    private final int batchSize;
    private final long seed;

    FeatureBatches(PhotoFeatures features, int classes, int batchSize, long seed) {
        this.features = features;
        this.classes = classes;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public long size() {
        return features.size();
    }

    @Override
    public Batches epoch(int epoch) {
        int[] order = shuffled(features.size(), new Random(seed * 1_000 + epoch));
        return new Batches() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < order.length;
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                from += idx.length;
                return new DataSet(features.rows(idx), oneHot(idx));
            }

            @Override
            public void close() {
            }
        };
    }

    private INDArray oneHot(int[] idx) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, idx.length, classes);
        for (int i = 0; i < idx.length; i++) {
            y.putScalar(i, features.labels()[idx[i]], 1f);
        }
        return y;
    }

    static int[] shuffled(int size, Random rng) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
