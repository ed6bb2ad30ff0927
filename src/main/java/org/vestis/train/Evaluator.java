package org.vestis.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.data.Augmenter;
import org.vestis.data.Dataset;

import java.util.List;
import java.util.function.UnaryOperator;

/** Runs a network over a dataset in inference mode (no dropout, batch-norm running statistics). */
public final class Evaluator {
    private static final int BATCH = 512;

    private Evaluator() {
    }

    public static float[][] probabilities(MultiLayerNetwork net, Dataset data) {
        return probabilities(features -> net.output(features, false), data);
    }

    /** The same for any model given as "class probabilities of an NCHW batch" (e.g. {@code ModelBundle::output}). */
    public static float[][] probabilities(UnaryOperator<INDArray> model, Dataset data) {
        int n = data.pixelsPerImage();
        float[][] out = new float[data.size()][];
        for (int start = 0; start < data.size(); start += BATCH) {
            int b = Math.min(BATCH, data.size() - start);
            float[] x = new float[b * n];
            Augmenter.copy(data.pixels(), start * n, b * n, x, 0);
            try (INDArray features = Nd4j.create(x, new long[]{b, 1, data.height(), data.width()}, DataType.FLOAT)) {
                INDArray probs = model.apply(features);
                for (int i = 0; i < b; i++) {
                    out[start + i] = probs.getRow(i).toFloatVector();
                }
                probs.close();
            }
        }
        return out;
    }

    public static Metrics evaluate(MultiLayerNetwork net, Dataset data, List<String> labels) {
        return evaluate(features -> net.output(features, false), data, labels);
    }

    public static Metrics evaluate(UnaryOperator<INDArray> model, Dataset data, List<String> labels) {
        int[] truth = new int[data.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = data.label(i);
        }
        return Metrics.of(truth, probabilities(model, data), labels);
    }
}
