package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.stream.IntStream;

/**
 * Batch norm for NCHW float arrays as plain Java loops over each channel, the channels spread over the cores.
 * libnd4j's batch-norm ops make many full passes over the array, and its variance reduction alone took 36 ms
 * for a [128, 64, 14, 14] batch where a pass costs 2.5-5 ms (benchmarks/RESULTS.md): this helper reads each
 * channel's values while they are in the cache, three times forward (mean, variance, output) and three times
 * backward (two sums, the input gradient). Same results as DL4J's own path (DnnlHelpersTest).
 *
 * <p>Training uses {@link DnnlBatchNorm} where oneDNN 3 loads (16% faster fashion-cnn steps); this class does
 * inference with the running statistics and is the training path where oneDNN 3 is missing.
 *
 * <p>Backward uses the batch statistics of the forward pass just before it, as DL4J's helpers do; a layer
 * therefore needs its own instance.
 */
public final class JavaBatchNorm implements BatchNormalizationHelper {
    private float[] batchMean;
    private float[] batchVariance;

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean, INDArray var,
                              double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(x, format)) {
            return null; // DL4J's own path
        }
        Layout l = new Layout(x);
        float[] in = values(x);
        float[] out = new float[in.length];
        float[] g = gamma.toFloatVector();
        float[] b = beta.toFloatVector();
        if (training) {
            batchMean = new float[l.channels];
            batchVariance = new float[l.channels];
        }
        float[] m = training ? batchMean : mean.toFloatVector();
        float[] v = training ? batchVariance : var.toFloatVector();
        IntStream.range(0, l.channels).parallel().forEach(c -> {
            if (training) {
                double sum = 0;
                for (int n = 0; n < l.batch; n++) {
                    for (int i = l.start(n, c), end = i + l.plane; i < end; i++) {
                        sum += in[i];
                    }
                }
                double mu = sum / l.count;
                double squares = 0; // around the mean, for precision
                for (int n = 0; n < l.batch; n++) {
                    for (int i = l.start(n, c), end = i + l.plane; i < end; i++) {
                        double d = in[i] - mu;
                        squares += d * d;
                    }
                }
                m[c] = (float) mu;
                v[c] = (float) (squares / l.count);
            }
            float scale = (float) (g[c] / Math.sqrt(v[c] + eps));
            float shift = b[c] - m[c] * scale;
            for (int n = 0; n < l.batch; n++) {
                for (int i = l.start(n, c), end = i + l.plane; i < end; i++) {
                    out[i] = in[i] * scale + shift;
                }
            }
        });
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape());
        write(result, out);
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma, INDArray beta,
                                                     INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        if (!supported(x, format) || batchMean == null) {
            return null;
        }
        Layout l = new Layout(x);
        float[] in = values(x);
        float[] dy = values(epsilon);
        float[] dx = new float[in.length];
        float[] g = gamma.toFloatVector();
        float[] dGamma = new float[l.channels];
        float[] dBeta = new float[l.channels];
        IntStream.range(0, l.channels).parallel().forEach(c -> {
            double mu = batchMean[c];
            double invStd = 1 / Math.sqrt(batchVariance[c] + eps);
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int n = 0; n < l.batch; n++) {
                for (int i = l.start(n, c), end = i + l.plane; i < end; i++) {
                    sumDy += dy[i];
                    sumDyXhat += dy[i] * (in[i] - mu);
                }
            }
            sumDyXhat *= invStd;
            dBeta[c] = (float) sumDy;
            dGamma[c] = (float) sumDyXhat;
            // dx = gamma/std * (dy - mean(dy) - xhat * mean(dy * xhat))
            double k = g[c] * invStd;
            double meanDy = sumDy / l.count;
            double meanDyXhat = sumDyXhat / l.count;
            for (int n = 0; n < l.batch; n++) {
                for (int i = l.start(n, c), end = i + l.plane; i < end; i++) {
                    dx[i] = (float) (k * (dy[i] - meanDy - (in[i] - mu) * invStd * meanDyXhat));
                }
            }
        });
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape());
        write(next, dx);
        return new Pair<>(gradient, next);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return Nd4j.createFromArray(batchMean).castTo(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return Nd4j.createFromArray(batchVariance).castTo(dataType);
    }

    private static boolean supported(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT && x.length() < Integer.MAX_VALUE;
    }

    /** The array's values in NCHW order, as one Java array, copied in one block (ND4J's element-wise getters cost 5x more). */
    private static float[] values(INDArray x) {
        // Default strides alone would also accept a column-major array, whose block is not in NCHW order.
        INDArray c = NativeAddress.rowMajor(x);
        float[] out = new float[(int) c.length()];
        NativeAddress.floats(c).get(out);
        return out;
    }

    /** {@code values} into a new, contiguous array, in one block. */
    private static void write(INDArray target, float[] values) {
        NativeAddress.floats(target).put(values);
    }

    /** Where channel c of example n starts in an NCHW array, and how many values each channel has. */
    private static final class Layout {
        final int batch;
        final int channels;
        final int plane;
        final long count;

        Layout(INDArray x) {
            batch = (int) x.size(0);
            channels = (int) x.size(1);
            plane = (int) (x.size(2) * x.size(3));
            count = (long) batch * plane;
        }

        int start(int n, int c) {
            return (n * channels + c) * plane;
        }
    }
}
