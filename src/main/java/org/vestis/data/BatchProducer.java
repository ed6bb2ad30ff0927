package org.vestis.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares one epoch of NCHW minibatches (shuffled, optionally augmented, scaled to [0,1], one-hot labels)
 * on a background thread, a few batches ahead, so the training thread only trains. Seeded per epoch, so a
 * resumed run sees the same batches as an uninterrupted one.
 */
public final class BatchProducer implements Iterator<DataSet>, AutoCloseable {
    private static final int AHEAD = 3;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread worker;
    private final int batches;
    private int taken;

    public BatchProducer(Dataset data, int batchSize, Augmenter augmenter, long seed) {
        this.batches = (data.size() + batchSize - 1) / batchSize;
        this.worker = new Thread(() -> produce(data, batchSize, augmenter, seed), "batch-producer");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(Dataset data, int batchSize, Augmenter augmenter, long seed) {
        Random rng = new Random(seed);
        int[] order = shuffled(data.size(), rng);
        int n = data.pixelsPerImage();
        try {
            for (int start = 0; start < order.length; start += batchSize) {
                int b = Math.min(batchSize, order.length - start);
                float[] x = new float[b * n];
                float[] y = new float[b * data.numClasses()];
                for (int i = 0; i < b; i++) {
                    int idx = order[start + i];
                    if (augmenter == null) {
                        Augmenter.copy(data.pixels(), idx * n, n, x, i * n);
                    } else {
                        augmenter.apply(data.pixels(), idx * n, data.height(), data.width(), rng, x, i * n);
                    }
                    y[i * data.numClasses() + data.label(idx)] = 1f;
                }
                DataSet ds = new DataSet(
                        Nd4j.create(x, new long[]{b, 1, data.height(), data.width()}, DataType.FLOAT),
                        Nd4j.create(y, new long[]{b, data.numClasses()}, DataType.FLOAT));
                queue.put(ds);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // Hand the failure to the consumer; otherwise next() would wait forever for a batch that never comes.
            try {
                queue.put(new Failure(t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Failure(Throwable cause) {
    }

    private static int[] shuffled(int size, Random rng) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public boolean hasNext() {
        return taken < batches;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            Object item = queue.take();
            if (item instanceof Failure failure) {
                queue.put(failure); // later calls fail the same way instead of blocking
                throw new IllegalStateException("preparing a batch failed: " + failure.cause(), failure.cause());
            }
            taken++;
            return (DataSet) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
