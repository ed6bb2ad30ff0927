package org.vestis.model;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
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

import java.util.Arrays;
import java.util.Map;

/**
 * Batch norm in training through oneDNN 3 (NCHW float, batch statistics): inside fashion-cnn training our Java
 * loops ({@link JavaBatchNorm}) took 35-43 ms of a 143-168 ms step, where oneDNN's primitives take 1.0-1.4 ms
 * forward and 1.7-2.4 ms backward per layer on their own (benchmarks/RESULTS.md). Inference with the running
 * statistics, and any other shape or type, stays with {@link JavaBatchNorm} (or DL4J). Backward uses the batch
 * statistics of the training forward pass just before it, so a layer needs its own instance.
 */
final class DnnlBatchNorm implements BatchNormalizationHelper {
    private final JavaBatchNorm fallback = new JavaBatchNorm();
    private Plan plan;
    private boolean statisticsFromForward;

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
        if (!training || !supported(x, format)) {
            statisticsFromForward = false;
            return fallback.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        Plan p = plan(x.shape(), (float) eps);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        p.forward(NativeAddress.rowMajor(x), NativeAddress.rowMajor(gamma), NativeAddress.rowMajor(beta), out);
        statisticsFromForward = true;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma, INDArray beta,
                                                     INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        if (!statisticsFromForward || !supported(x, format) || !plan.fits(x.shape())) {
            return fallback.backpropGradient(x, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format, workspaceMgr);
        }
        INDArray dGamma = NativeAddress.rowMajor(dGammaView);
        INDArray dBeta = NativeAddress.rowMajor(dBetaView);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        plan.backward(NativeAddress.rowMajor(x), NativeAddress.rowMajor(epsilon), NativeAddress.rowMajor(gamma), dx, dGamma, dBeta);
        NativeAddress.copyBack(dGamma, dGammaView);
        NativeAddress.copyBack(dBeta, dBetaView);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return statisticsFromForward ? Nd4j.createFromArray(plan.statistics(plan.mean)).castTo(dataType) : fallback.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return statisticsFromForward ? Nd4j.createFromArray(plan.statistics(plan.variance)).castTo(dataType) : fallback.getVarCache(dataType);
    }

    private static boolean supported(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT;
    }

    private Plan plan(long[] shape, float eps) {
        if (plan == null || !plan.fits(shape) || plan.eps != eps) {
            plan = new Plan(shape, eps);
        }
        return plan;
    }

    /** The primitives for one shape; the batch mean and (biased) variance of the last forward pass live here. */
    private static final class Plan {
        private final long[] shape;
        private final float eps;
        private final stream stream = new stream(DnnlConvolutionPlan.ENGINE);
        private final batch_normalization_forward forward;
        private final batch_normalization_backward backward;
        private final memory data;
        private final memory result;
        private final memory gradient;
        private final memory inputGradient;
        private final memory scale;
        private final memory shift;
        private final memory scaleGradient;
        private final memory shiftGradient;
        final memory mean;
        final memory variance;

        Plan(long[] shape, float eps) {
            this.shape = shape.clone();
            this.eps = eps;
            var eng = DnnlConvolutionPlan.ENGINE;
            memory.desc desc = new memory.desc(shape, memory.data_type.f32, memory.format_tag.nchw);
            int flags = dnnl.normalization_flags.use_scale.value | dnnl.normalization_flags.use_shift.value;
            var fpd = new batch_normalization_forward.primitive_desc(eng, dnnl.prop_kind.forward_training.value, desc, desc, eps, flags);
            var bpd = new batch_normalization_backward.primitive_desc(eng, dnnl.prop_kind.backward.value, desc, desc, desc, eps, flags, fpd);
            forward = new batch_normalization_forward(fpd);
            backward = new batch_normalization_backward(bpd);
            data = new memory(desc, eng, (Pointer) null);
            result = new memory(desc, eng, (Pointer) null);
            gradient = new memory(desc, eng, (Pointer) null);
            inputGradient = new memory(desc, eng, (Pointer) null);
            scale = new memory(fpd.weights_desc(), eng, (Pointer) null);
            shift = new memory(fpd.weights_desc(), eng, (Pointer) null);
            scaleGradient = new memory(fpd.weights_desc(), eng, (Pointer) null);
            shiftGradient = new memory(fpd.weights_desc(), eng, (Pointer) null);
            mean = new memory(fpd.mean_desc(), eng);
            variance = new memory(fpd.variance_desc(), eng);
        }

        boolean fits(long[] other) {
            return Arrays.equals(shape, other);
        }

        void forward(INDArray x, INDArray gamma, INDArray beta, INDArray out) {
            data.set_data_handle(NativeAddress.of(x));
            result.set_data_handle(NativeAddress.of(out));
            scale.set_data_handle(NativeAddress.of(gamma));
            shift.set_data_handle(NativeAddress.of(beta));
            IntMemoryMap args = new IntMemoryMap();
            args.put(dnnl.DNNL_ARG_SRC, data);
            args.put(dnnl.DNNL_ARG_DST, result);
            args.put(dnnl.DNNL_ARG_SCALE, scale);
            args.put(dnnl.DNNL_ARG_SHIFT, shift);
            args.put(dnnl.DNNL_ARG_MEAN, mean);
            args.put(dnnl.DNNL_ARG_VARIANCE, variance);
            forward.execute(stream, args);
            stream._wait();
        }

        void backward(INDArray x, INDArray dy, INDArray gamma, INDArray dx, INDArray dGamma, INDArray dBeta) {
            data.set_data_handle(NativeAddress.of(x));
            gradient.set_data_handle(NativeAddress.of(dy));
            inputGradient.set_data_handle(NativeAddress.of(dx));
            scale.set_data_handle(NativeAddress.of(gamma));
            scaleGradient.set_data_handle(NativeAddress.of(dGamma));
            shiftGradient.set_data_handle(NativeAddress.of(dBeta));
            IntMemoryMap args = new IntMemoryMap();
            args.put(dnnl.DNNL_ARG_SRC, data);
            args.put(dnnl.DNNL_ARG_DIFF_DST, gradient);
            args.put(dnnl.DNNL_ARG_MEAN, mean);
            args.put(dnnl.DNNL_ARG_VARIANCE, variance);
            args.put(dnnl.DNNL_ARG_SCALE, scale);
            args.put(dnnl.DNNL_ARG_DIFF_SRC, inputGradient);
            args.put(dnnl.DNNL_ARG_DIFF_SCALE, scaleGradient);
            args.put(dnnl.DNNL_ARG_DIFF_SHIFT, shiftGradient);
            backward.execute(stream, args);
            stream._wait();
        }

        float[] statistics(memory m) {
            float[] values = new float[(int) shape[1]];
            new FloatPointer(m.get_data_handle()).get(values);
            return values;
        }
    }
}
