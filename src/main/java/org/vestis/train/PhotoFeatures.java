package org.vestis.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.data.LabelledPhoto;
import org.vestis.data.PhotoAugmenter;
import org.vestis.data.PhotoLoader;
import org.vestis.data.PhotoSet;
import org.vestis.model.ModelInfo;
import org.vestis.photo.PhotoPreprocessor;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Runs photos through (part of) a network once, in batches, and keeps the results: the activations at the
 * frozen boundary for transfer learning (so the expensive backbone runs once, not once per epoch), or the
 * class probabilities for evaluation. Unreadable photos are skipped and counted.
 */
public record PhotoFeatures(INDArray values, int[] labels, int skipped, List<String> skippedFiles) {

    /** Called after every batch with the images done so far and the total. */
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    public int size() {
        return labels.length;
    }

    /** Rows {@code from} to {@code to} (exclusive), as a view. */
    public INDArray rows(int from, int to) {
        return values.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
    }

    /** The rows at these indices, in that order, as a new array of the same rank (4-D activations included). */
    public INDArray rows(int[] indices) {
        if (values.rank() == 2) {
            return values.getRows(indices);
        }
        long[] shape = values.shape().clone();
        INDArray picked = values.reshape(shape[0], -1).getRows(indices);
        shape[0] = indices.length;
        return picked.reshape(shape);
    }

    /** Both sets, one after the other (original features and augmented views). */
    public PhotoFeatures concat(PhotoFeatures other) {
        int[] l = new int[size() + other.size()];
        System.arraycopy(labels, 0, l, 0, size());
        System.arraycopy(other.labels, 0, l, size(), other.size());
        List<String> files = new ArrayList<>(skippedFiles);
        files.addAll(other.skippedFiles);
        return new PhotoFeatures(Nd4j.concat(0, values, other.values), l, skipped + other.skipped, files);
    }

    /**
     * @param forward   the network part: a batch of model inputs (NCHW) to its output
     * @param augmenter random views (null: the photos as they are); seeded per photo, so runs repeat
     */
    public static PhotoFeatures compute(UnaryOperator<INDArray> forward, ModelInfo.Input input, ModelInfo.Preprocessing prep,
                                        PhotoSet photos, PhotoAugmenter augmenter, long seed, int batchSize, Progress progress) {
        PhotoPreprocessor preprocessor = new PhotoPreprocessor(input, prep);
        int n = preprocessor.inputSize();
        int channels = n / (input.height() * input.width());
        List<INDArray> parts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int start = 0; start < photos.size(); start += batchSize) {
            int b = Math.min(batchSize, photos.size() - start);
            int first = start;
            // Decoding and resizing JPEGs costs about as much as a small network: spread it over the cores.
            float[][] inputs = new float[b][];
            IntStream.range(0, b).parallel().forEach(i -> {
                LabelledPhoto photo = photos.photos().get(first + i);
                BufferedImage img = PhotoLoader.load(photo, augmenter, new Random(seed * 1_000_003L + first + i));
                inputs[i] = img == null ? null : preprocessor.toInput(img);
            });
            int ok = 0;
            for (float[] in : inputs) {
                ok += in == null ? 0 : 1;
            }
            float[] x = new float[ok * n];
            int k = 0;
            for (int i = 0; i < b; i++) {
                if (inputs[i] == null) {
                    skipped.add(photos.photos().get(start + i).file().toString());
                    continue;
                }
                System.arraycopy(inputs[i], 0, x, k * n, n);
                labels.add(photos.photos().get(start + i).label());
                k++;
            }
            if (ok > 0) {
                try (INDArray batch = Nd4j.create(x, new long[]{ok, channels, input.height(), input.width()}, DataType.FLOAT)) {
                    parts.add(forward.apply(batch).detach());
                }
            }
            progress.update(start + b, photos.size());
        }
        INDArray values = parts.isEmpty() ? Nd4j.create(DataType.FLOAT, 0) : parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
        return new PhotoFeatures(values, labels.stream().mapToInt(Integer::intValue).toArray(), skipped.size(), List.copyOf(skipped));
    }

    /** Class probabilities as float rows (values must be the network's softmax output). */
    public float[][] probabilities() {
        float[][] out = new float[size()][];
        for (int i = 0; i < size(); i++) {
            out[i] = values.getRow(i).toFloatVector();
        }
        return out;
    }
}
