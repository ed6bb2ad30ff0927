package org.vestis.nn.dnnl;

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
 * Batch norm through oneDNN 3 (NCHW float): inside fashion-cnn training our Java loops ({@link JavaBatchNorm})
 * took 35-43 ms of a 143-168 ms step, where oneDNN's primitives take 1.0-1.4 ms forward and 1.7-2.4 ms backward
 * per layer on their own (benchmarks/RESULTS.md). For a {@link BatchNormRelu} the ReLU runs inside the same
 * training primitives. Inference (the running statistics) runs in oneDNN too, without the ReLU, which
 * {@link BatchNormRelu} then applies itself; any other shape or type stays with {@link JavaBatchNorm}. Backward
 * uses the batch statistics of the training forward pass just before it, so a layer needs its own instance.
 */
final class DnnlBatchNorm implements BatchNormalizationHelper {
    private final JavaBatchNorm fallback = new JavaBatchNorm();
    private final boolean fuseRelu;
    private Plan plan;
    private DnnlBatchNormInference inferencePlan;
    private boolean statisticsFromForward;

    DnnlBatchNorm() {
        this(false);
    }

    /** @param fuseRelu apply ReLU to the output inside oneDNN's training batch norm ({@link BatchNormRelu}) */
    DnnlBatchNorm(boolean fuseRelu) {
        this.fuseRelu = fuseRelu;
    }

    /** Whether the last forward pass applied ReLU (training through oneDNN); otherwise the layer must. */
    boolean appliedRelu() {
        return fuseRelu && statisticsFromForward;
    }

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
        statisticsFromForward = false;
        if (!supported(x, format)) {
            return fallback.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        INDArray in = NhwcArrays.readable(x);
        INDArray out = NhwcArrays.like(in, workspaceMgr, ArrayType.ACTIVATIONS);
        if (!training) {
            if (inferencePlan == null || !inferencePlan.fits(in.shape(), NhwcArrays.is(in), (float) eps)) {
                inferencePlan = new DnnlBatchNormInference(in.shape(), NhwcArrays.is(in), (float) eps);
            }
            inferencePlan.forward(in, NativeAddress.rowMajor(gamma), NativeAddress.rowMajor(beta), NativeAddress.rowMajor(mean),
                    NativeAddress.rowMajor(var), out);
            return out;
        }
        Plan p = plan(in.shape(), NhwcArrays.is(in), (float) eps, fuseRelu);
        p.forward(in, NativeAddress.rowMajor(gamma), NativeAddress.rowMajor(beta), out);
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
        INDArray in = NhwcArrays.readable(x);
        INDArray dx = NhwcArrays.like(in, workspaceMgr, ArrayType.ACTIVATION_GRAD);
        plan.backward(in, NhwcArrays.readable(epsilon), NativeAddress.rowMajor(gamma), dx, dGamma, dBeta);
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

    /** Channel-last input as it is, else channel blocks of 16 (AVX-512) or 8 (AVX2): where oneDNN has JIT code. */
    private static memory.format_tag[] preferredLayouts(boolean channelsLast) {
        return channelsLast
                ? new memory.format_tag[]{memory.format_tag.nhwc, memory.format_tag.nChw16c, memory.format_tag.nChw8c}
                : new memory.format_tag[]{memory.format_tag.nChw16c, memory.format_tag.nChw8c};
    }

    /** The first of {@link #preferredLayouts} with JIT code, else plain NCHW. */
    static batch_normalization_forward.primitive_desc fastestForward(long[] shape, boolean channelsLast, dnnl.prop_kind kind,
                                                                     float eps, int flags) {
        for (memory.format_tag tag : preferredLayouts(channelsLast)) {
            var pd = forwardDesc(new memory.desc(shape, memory.data_type.f32, tag), kind, eps, flags);
            if (pd.impl_info_str().getString().contains("jit")) {
                return pd;
            }
        }
        return forwardDesc(new memory.desc(shape, memory.data_type.f32, memory.format_tag.nchw), kind, eps, flags);
    }

    private static batch_normalization_forward.primitive_desc forwardDesc(memory.desc desc, dnnl.prop_kind kind, float eps, int flags) {
        return new batch_normalization_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, kind.value, desc, desc, eps, flags);
    }

    /** What every forward pass takes: data in and out, scale and shift, and the statistics (computed or given). */
    static IntMemoryMap forwardArguments(memory src, memory dst, memory scale, memory shift, memory mean, memory variance) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, src);
        args.put(dnnl.DNNL_ARG_DST, dst);
        args.put(dnnl.DNNL_ARG_SCALE, scale);
        args.put(dnnl.DNNL_ARG_SHIFT, shift);
        args.put(dnnl.DNNL_ARG_MEAN, mean);
        args.put(dnnl.DNNL_ARG_VARIANCE, variance);
        return args;
    }

    private Plan plan(long[] shape, boolean channelsLast, float eps, boolean relu) {
        if (plan == null || !plan.fits(shape) || plan.channelsLast != channelsLast || plan.eps != eps || plan.relu != relu) {
            plan = new Plan(shape, channelsLast, eps, relu);
        }
        return plan;
    }

    /**
     * The primitives for one shape and layout; the batch mean and (biased) variance of the last forward pass live
     * here. oneDNN's batch norm on plain NCHW is a generic loop (ncsp: 1.6-3.2 ms per direction for fashion-cnn's
     * shapes on their own); on channel blocks (nChw16c) or channel-last input it is JIT code at 0.13-0.27 ms. The
     * reorders to blocks and back cost 0.08-0.13 ms each, so NCHW operands take the blocked layout when oneDNN has
     * JIT code for it, and channel-last ones stay as they are.
     */
    private static final class Plan {
        private final long[] shape;
        private final float eps;
        private final boolean relu;
        private final boolean channelsLast;
        /** Where the forward pass marks what ReLU zeroed, for the backward pass (only with ReLU). */
        private final memory reluMask;
        private final stream stream = new stream(DnnlConvolutionPlan.ENGINE);
        private final batch_normalization_forward forward;
        private final batch_normalization_backward backward;
        /** The input in both passes. */
        private final DnnlMemory input;
        /** The output, and in backward its gradient (same layout and scratch buffer). */
        private final DnnlMemory output;
        private final DnnlMemory inputGradient;
        private final memory scale;
        private final memory shift;
        private final memory scaleGradient;
        private final memory shiftGradient;
        final memory mean;
        final memory variance;

        Plan(long[] shape, boolean channelsLast, float eps, boolean relu) {
            this.shape = shape.clone();
            this.channelsLast = channelsLast;
            this.eps = eps;
            this.relu = relu;
            int flags = dnnl.normalization_flags.use_scale.value | dnnl.normalization_flags.use_shift.value
                    | (relu ? dnnl.normalization_flags.fuse_norm_relu.value : 0);
            var eng = DnnlConvolutionPlan.ENGINE;
            var fpd = fastestForward(shape, channelsLast, dnnl.prop_kind.forward_training, eps, flags);
            memory.desc inner = fpd.src_desc();
            var bpd = new batch_normalization_backward.primitive_desc(eng, dnnl.prop_kind.backward.value, inner, inner, inner, eps, flags, fpd);
            reluMask = relu ? new memory(fpd.workspace_desc(), eng) : null;
            forward = new batch_normalization_forward(fpd);
            backward = new batch_normalization_backward(bpd);
            input = new DnnlMemory(inner, eng, DnnlScratch.SOURCE);
            output = new DnnlMemory(inner, eng, DnnlScratch.OUTPUT);
            inputGradient = new DnnlMemory(inner, eng, DnnlScratch.SOURCE_GRADIENT);
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
            scale.set_data_handle(NativeAddress.of(gamma));
            shift.set_data_handle(NativeAddress.of(beta));
            IntMemoryMap args = forwardArguments(input.read(x, stream), output.writeTo(out), scale, shift, mean, variance);
            if (relu) {
                args.put(dnnl.DNNL_ARG_WORKSPACE, reluMask);
            }
            forward.execute(stream, args);
            output.written(stream);
            stream._wait();
        }

        void backward(INDArray x, INDArray dy, INDArray gamma, INDArray dx, INDArray dGamma, INDArray dBeta) {
            scale.set_data_handle(NativeAddress.of(gamma));
            scaleGradient.set_data_handle(NativeAddress.of(dGamma));
            shiftGradient.set_data_handle(NativeAddress.of(dBeta));
            IntMemoryMap args = new IntMemoryMap();
            args.put(dnnl.DNNL_ARG_SRC, input.read(x, stream));
            args.put(dnnl.DNNL_ARG_DIFF_DST, output.read(dy, stream));
            args.put(dnnl.DNNL_ARG_MEAN, mean);
            args.put(dnnl.DNNL_ARG_VARIANCE, variance);
            args.put(dnnl.DNNL_ARG_SCALE, scale);
            args.put(dnnl.DNNL_ARG_DIFF_SRC, inputGradient.writeTo(dx));
            args.put(dnnl.DNNL_ARG_DIFF_SCALE, scaleGradient);
            args.put(dnnl.DNNL_ARG_DIFF_SHIFT, shiftGradient);
            if (relu) {
                args.put(dnnl.DNNL_ARG_WORKSPACE, reluMask);
            }
            backward.execute(stream, args);
            inputGradient.written(stream);
            stream._wait();
        }

        float[] statistics(memory m) {
            float[] values = new float[(int) shape[1]];
            new FloatPointer(m.get_data_handle()).get(values);
            return values;
        }
    }
}
