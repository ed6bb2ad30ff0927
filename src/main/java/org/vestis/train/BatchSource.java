package org.vestis.train;

import org.nd4j.linalg.dataset.DataSet;
import org.vestis.data.Augmenter;
import org.vestis.data.BatchProducer;
import org.vestis.data.Dataset;

import java.util.Iterator;

/** Where an epoch's minibatches come from: Fashion-MNIST arrays or cached photo features, shuffled per epoch. */
interface BatchSource {
    /** Training images per epoch. */
    long size();

    /** The minibatches of one epoch, seeded by it, so that a resumed run sees the same batches as an uninterrupted one. */
    Batches epoch(int epoch);

    /** One epoch's minibatches; the loop closes each batch's arrays once it has trained on them. */
    interface Batches extends Iterator<DataSet>, AutoCloseable {
        @Override
        void close();
    }

    /** Fashion-MNIST: augmented on a background thread, a few batches ahead ({@link BatchProducer}). */
    static BatchSource of(Dataset train, int batchSize, Augmenter augmenter, long seed) {
        return new BatchSource() {
            @Override
            public long size() {
                return train.size();
            }

            @Override
            public Batches epoch(int epoch) {
                BatchProducer producer = new BatchProducer(train, batchSize, augmenter, seed * 1_000 + epoch);
                return new Batches() {
                    @Override
                    public boolean hasNext() {
                        return producer.hasNext();
                    }

                    @Override
                    public DataSet next() {
                        return producer.next();
                    }

                    @Override
                    public void close() {
                        producer.close();
                    }
                };
            }
        };
    }
}
