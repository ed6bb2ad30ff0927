package org.vestis.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.data.Augmenter;
import org.vestis.data.Dataset;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs a network over a dataset in inference mode (no dropout, batch-norm running statistics). The network is
 * given as its forward function (features to class probabilities), so that either kind of DL4J network fits.
 */
public final class Evaluator {
    private static final int BATCH = 512;

    private Evaluator() {
    }

    public static float[][] probabilities(UnaryOperator<INDArray> forward, Dataset data) {
        int n = data.pixelsPerImage();
        float[][] out = new float[data.size()][];
        for (int start = 0; start < data.size(); start += BATCH) {
            int b = Math.min(BATCH, data.size() - start);
            float[] x = new float[b * n];
            Augmenter.copy(data.pixels(), start * n, b * n, x, 0);
            try (INDArray features = Nd4j.create(x, new long[]{b, 1, data.height(), data.width()}, DataType.FLOAT)) {
                INDArray probs = forward.apply(features);
                for (int i = 0; i < b; i++) {
                    out[start + i] = probs.getRow(i).toFloatVector();
                }
                probs.close();
            }
        }
        return out;
    }

    public static Metrics evaluate(UnaryOperator<INDArray> forward, Dataset data, List<String> labels) {
        int[] truth = new int[data.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = data.label(i);
        }
        return Metrics.of(truth, probabilities(forward, data), labels);
    }
}
