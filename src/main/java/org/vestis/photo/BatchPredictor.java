package org.vestis.photo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.model.Prediction;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A model bundle run over images in batches (DJL's Predictor and Translator, kept small): each image becomes the
 * model's input values, a batch of them is stacked into one NCHW array and forwarded, and each row of the output is
 * one image's class probabilities.
 *
 * @param <T> an image as the caller has it: a decoded photo, a crop of a video frame
 */
public final class BatchPredictor<T> {
    /** Every image in one forward pass. */
    public static final int ONE_BATCH = Integer.MAX_VALUE;

    /** One image as the model's input values: channel-major (CHW), normalised as the bundle declares. */
    @FunctionalInterface
    public interface Input<T> {
        float[] values(T image);
    }

    private final ModelBundle bundle;
    private final Input<? super T> input;
    private final UnaryOperator<INDArray> forward;
    private final int batchSize;
    private final int channels;

    /**
     * @param forward   the bundle's forward pass: {@link ModelBundle#output} (with the views it declares) or
     *                  {@link ModelBundle#singleViewOutput}
     * @param batchSize images per forward pass, or {@link #ONE_BATCH}
     */
    public BatchPredictor(ModelBundle bundle, Input<? super T> input, UnaryOperator<INDArray> forward, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize);
        }
        this.bundle = bundle;
        this.input = input;
        this.forward = forward;
        this.batchSize = batchSize;
        this.channels = bundle.info().preprocessing().grayscale() ? 1 : 3; // as PhotoPreprocessor writes them
    }

    /** Decoded photos, preprocessed as the bundle declares, through all the views it declares. */
    public static BatchPredictor<BufferedImage> photos(ModelBundle bundle, int batchSize) {
        PhotoPreprocessor preprocessor = new PhotoPreprocessor(bundle.info().input(), bundle.info().preprocessing());
        return new BatchPredictor<>(bundle, preprocessor::toInput, bundle::output, batchSize);
    }

    /** Class probabilities per image, in order. */
    public List<float[]> probabilities(List<? extends T> images) {
        ModelInfo.Input in = bundle.info().input();
        int n = channels * in.height() * in.width();
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < images.size(); start += batchSize) {
            int b = Math.min(batchSize, images.size() - start);
            float[] x = new float[b * n];
            for (int i = 0; i < b; i++) {
                System.arraycopy(input.values(images.get(start + i)), 0, x, i * n, n);
            }
            try (INDArray features = Nd4j.create(x, new long[]{b, channels, in.height(), in.width()}, DataType.FLOAT);
                 INDArray probs = forward.apply(features)) {
                for (int i = 0; i < b; i++) {
                    out.add(probs.getRow(i).toFloatVector());
                }
            }
        }
        return out;
    }

    /** Each image's probabilities with its best {@code topK} labels. */
    public List<Prediction> predict(List<? extends T> images, int topK) {
        List<Prediction> out = new ArrayList<>();
        for (float[] p : probabilities(images)) {
            out.add(Prediction.of(p, bundle.info().labels(), topK));
        }
        return out;
    }
}
