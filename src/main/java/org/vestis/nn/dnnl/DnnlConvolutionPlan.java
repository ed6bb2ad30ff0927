package org.vestis.nn.dnnl;

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
 * (the first creation compiles kernels). Operands are reordered to the layouts the primitives take and back
 * ({@link DnnlMemory}) unless they are in them already.
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
    private final boolean channelsLast;
    private final memory bias;
    private final memory biasGradient;

    /**
     * @param channelsLast whether the activations (input, output and their gradients) are kept channel-last
     *                     ({@link NhwcArrays}), else oneDNN picks its layout (channel blocks) and they are reordered
     */
    DnnlConvolutionPlan(long[] inputShape, long[] weightShape, long[] outputShape, int[] strides, SlidingWindow window,
                        boolean channelsLast) {
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        this.channelsLast = channelsLast;
        long[] stride = {strides[0], strides[1]};
        long[] padL = window.padBefore();
        long[] padR = window.padAfter();
        memory.desc bia = plain(new long[]{weightShape[0]}, memory.format_tag.x);
        memory.format_tag activations = channelsLast ? memory.format_tag.nhwc : memory.format_tag.any;
        memory.desc src = plain(inputShape, activations);
        memory.desc wei = plain(weightShape, memory.format_tag.any);
        memory.desc dst = plain(outputShape, activations);

        var fpd = new convolution_forward.primitive_desc(ENGINE, dnnl.prop_kind.forward_training,
                dnnl.algorithm.convolution_direct, src, wei, bia, dst, stride, padL, padR);
        // The weight gradient always takes oneDNN's layout: its channel-last code is slower than reordering both
        // operands to channel blocks (fashion-cnn steps: 2.4 ms against 0.4 + 1.0 for 1->32 at 28x28, 7.2 against
        // 5.8 + 1.0 for 64->64 at 14x14; 1,566 against 1,673 img/s in alternating runs).
        var wpd = new convolution_backward_weights.primitive_desc(ENGINE, dnnl.algorithm.convolution_direct,
                plain(inputShape, memory.format_tag.any), wei, bia, plain(outputShape, memory.format_tag.any), stride, padL, padR, fpd);
        var dpd = new convolution_backward_data.primitive_desc(ENGINE, dnnl.algorithm.convolution_direct,
                src, wei, dst, stride, padL, padR, fpd);
        forward = new convolution_forward(fpd);
        weightGradient = new convolution_backward_weights(wpd);
        inputGradient = new convolution_backward_data(dpd);
        fwdInput = new DnnlMemory(fpd.src_desc(), ENGINE, DnnlScratch.SOURCE);
        fwdWeights = new DnnlMemory(fpd.weights_desc(), ENGINE, DnnlScratch.WEIGHTS);
        fwdOutput = new DnnlMemory(fpd.dst_desc(), ENGINE, DnnlScratch.OUTPUT);
        bwdInput = new DnnlMemory(wpd.src_desc(), ENGINE, DnnlScratch.SOURCE);
        bwdDelta = new DnnlMemory(wpd.diff_dst_desc(), ENGINE, DnnlScratch.OUTPUT);
        bwdWeightGradient = new DnnlMemory(wpd.diff_weights_desc(), ENGINE, DnnlScratch.WEIGHT_GRADIENT);
        bwdDataDelta = new DnnlMemory(dpd.diff_dst_desc(), ENGINE, DnnlScratch.OUTPUT_FOR_SOURCE_GRADIENT);
        bwdDataWeights = new DnnlMemory(dpd.weights_desc(), ENGINE, DnnlScratch.WEIGHTS);
        bwdInputGradient = new DnnlMemory(dpd.diff_src_desc(), ENGINE, DnnlScratch.SOURCE_GRADIENT);
        sameDeltaLayout = wpd.diff_dst_desc().equals(dpd.diff_dst_desc());
        bias = new memory(bia, ENGINE, (org.bytedeco.javacpp.Pointer) null);
        biasGradient = new memory(bia, ENGINE, (org.bytedeco.javacpp.Pointer) null);
    }

    /** This thread's stream, for primitives run from shared caches rather than from a plan of their own. */
    static stream threadStream() {
        return THREAD_STREAM.get();
    }

    /** Loads oneDNN; throws a LinkageError when its natives are missing for this platform. */
    static void ready() {
        ENGINE.get_kind();
    }

    boolean fits(long[] input, boolean channelsLastActivations) {
        return Arrays.equals(inputShape, input) && channelsLast == channelsLastActivations;
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
