package org.vestis.model;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * oneDNN's forward, weight-gradient and input-gradient primitives for one convolution shape (NCHW input,
 * OIHW weights, float), created once and reused for every batch of that shape: creating them is what costs
 * (the first creation compiles kernels). Operands are reordered to the layouts oneDNN chooses and back.
 */
final class DnnlConvolutionPlan {
    static final engine ENGINE = new engine(engine.kind.cpu, 0);
    private static final ThreadLocal<stream> THREAD_STREAM = ThreadLocal.withInitial(() -> new stream(ENGINE));

    private final long[] inputShape;
    private final long[] outputShape;
    private final stream stream = new stream(ENGINE);
    private final convolution_forward forward;
    private final convolution_backward_weights weightGradient;
    private final convolution_backward_data inputGradient;
    private final DnnlMemory fwdInput;
    private final DnnlMemory fwdWeights;
    private final DnnlMemory fwdOutput;
    private final DnnlMemory bwdInput;
    private final DnnlMemory bwdDelta;
    private final DnnlMemory bwdWeightGradient;
    private final DnnlMemory bwdDataDelta;
    private final DnnlMemory bwdDataWeights;
    private final DnnlMemory bwdInputGradient;
    private final boolean sameDeltaLayout;
    private final memory bias;
    private final memory biasGradient;

    DnnlConvolutionPlan(long[] inputShape, long[] weightShape, long[] outputShape, int[] strides, SlidingWindow window) {
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        long[] stride = {strides[0], strides[1]};
        long[] padL = window.padBefore();
        long[] padR = window.padAfter();
        memory.desc src = plain(inputShape, memory.format_tag.nchw);
        memory.desc wei = plain(weightShape, memory.format_tag.oihw);
        memory.desc dst = plain(outputShape, memory.format_tag.nchw);
        memory.desc bia = plain(new long[]{weightShape[0]}, memory.format_tag.x);
        memory.desc anySrc = plain(inputShape, memory.format_tag.any);
        memory.desc anyWei = plain(weightShape, memory.format_tag.any);
        memory.desc anyDst = plain(outputShape, memory.format_tag.any);

        var fpd = new convolution_forward.primitive_desc(ENGINE, dnnl.prop_kind.forward_training,
                dnnl.algorithm.convolution_direct, anySrc, anyWei, bia, anyDst, stride, padL, padR);
        var wpd = new convolution_backward_weights.primitive_desc(ENGINE, dnnl.algorithm.convolution_direct,
                anySrc, anyWei, bia, anyDst, stride, padL, padR, fpd);
        var dpd = new convolution_backward_data.primitive_desc(ENGINE, dnnl.algorithm.convolution_direct,
                anySrc, anyWei, anyDst, stride, padL, padR, fpd);
        forward = new convolution_forward(fpd);
        weightGradient = new convolution_backward_weights(wpd);
        inputGradient = new convolution_backward_data(dpd);
        fwdInput = new DnnlMemory(src, fpd.src_desc(), ENGINE, DnnlScratch.SOURCE);
        fwdWeights = new DnnlMemory(wei, fpd.weights_desc(), ENGINE, DnnlScratch.WEIGHTS);
        fwdOutput = new DnnlMemory(dst, fpd.dst_desc(), ENGINE, DnnlScratch.OUTPUT);
        bwdInput = new DnnlMemory(src, wpd.src_desc(), ENGINE, DnnlScratch.SOURCE);
        bwdDelta = new DnnlMemory(dst, wpd.diff_dst_desc(), ENGINE, DnnlScratch.OUTPUT);
        bwdWeightGradient = new DnnlMemory(wei, wpd.diff_weights_desc(), ENGINE, DnnlScratch.WEIGHT_GRADIENT);
        bwdDataDelta = new DnnlMemory(dst, dpd.diff_dst_desc(), ENGINE, DnnlScratch.OUTPUT_FOR_SOURCE_GRADIENT);
        bwdDataWeights = new DnnlMemory(wei, dpd.weights_desc(), ENGINE, DnnlScratch.WEIGHTS);
        bwdInputGradient = new DnnlMemory(src, dpd.diff_src_desc(), ENGINE, DnnlScratch.SOURCE_GRADIENT);
        sameDeltaLayout = wpd.diff_dst_desc().equals(dpd.diff_dst_desc());
        bias = new memory(bia, ENGINE, (org.bytedeco.javacpp.Pointer) null);
        biasGradient = new memory(bia, ENGINE, (org.bytedeco.javacpp.Pointer) null);
    }

    /** Loads oneDNN; throws a LinkageError when its natives are missing for this platform. */
    /** This thread's stream, for primitives run from shared caches rather than from a plan of their own. */
    static stream threadStream() {
        return THREAD_STREAM.get();
    }

    static void ready() {
        ENGINE.get_kind();
    }

    boolean fits(long[] input) {
        return Arrays.equals(inputShape, input);
    }

    long[] outputShape() {
        return outputShape.clone();
    }

    /** output = convolution(input, weights) + bias; all row-major and contiguous. */
    void forward(INDArray input, INDArray weights, INDArray biasValues, INDArray output) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, fwdInput.read(input, stream));
        args.put(dnnl.DNNL_ARG_WEIGHTS, fwdWeights.read(weights, stream));
        bias.set_data_handle(NativeAddress.of(biasValues));
        args.put(dnnl.DNNL_ARG_BIAS, bias);
        args.put(dnnl.DNNL_ARG_DST, fwdOutput.writeTo(output));
        forward.execute(stream, args);
        fwdOutput.written(stream);
        stream._wait();
    }

    /**
     * Weight and bias gradients for {@code delta}, the gradient at the convolution's output (before bias), and
     * the gradient at its input unless {@code inputGrad} is null.
     */
    void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGrad, INDArray biasGrad, INDArray inputGrad) {
        memory diffDst = bwdDelta.read(delta, stream);
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, bwdInput.read(input, stream));
        args.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
        args.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, bwdWeightGradient.writeTo(weightGrad));
        biasGradient.set_data_handle(NativeAddress.of(biasGrad));
        args.put(dnnl.DNNL_ARG_DIFF_BIAS, biasGradient);
        weightGradient.execute(stream, args);
        bwdWeightGradient.written(stream);
        if (inputGrad != null) {
            IntMemoryMap dataArgs = new IntMemoryMap();
            // Both primitives usually want the output gradient in the same layout: reorder it once.
            dataArgs.put(dnnl.DNNL_ARG_DIFF_DST, sameDeltaLayout ? diffDst : bwdDataDelta.read(delta, stream));
            dataArgs.put(dnnl.DNNL_ARG_WEIGHTS, bwdDataWeights.read(weights, stream));
            dataArgs.put(dnnl.DNNL_ARG_DIFF_SRC, bwdInputGradient.writeTo(inputGrad));
            inputGradient.execute(stream, dataArgs);
            bwdInputGradient.written(stream);
        }
        stream._wait();
    }

    private static memory.desc plain(long[] shape, memory.format_tag tag) {
        return new memory.desc(shape, memory.data_type.f32, tag);
    }
}
