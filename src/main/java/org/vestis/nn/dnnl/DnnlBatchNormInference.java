package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * {@link DnnlBatchNorm}'s inference: the running statistics, for one shape and layout (channel-last input stays
 * channel-last). Validation on a training network goes through here; the inference copies fold batch norm away.
 */
final class DnnlBatchNormInference {
    private final long[] shape;
    private final boolean channelsLast;
    private final float eps;
    private final stream stream = new stream(DnnlConvolutionPlan.ENGINE);
    private final batch_normalization_forward forward;
    private final DnnlMemory input;
    private final DnnlMemory output;
    private final memory scale;
    private final memory shift;
    private final memory mean;
    private final memory variance;

    DnnlBatchNormInference(long[] shape, boolean channelsLast, float eps) {
        this.shape = shape.clone();
        this.channelsLast = channelsLast;
        this.eps = eps;
        int flags = dnnl.normalization_flags.use_global_stats.value | dnnl.normalization_flags.use_scale.value
                | dnnl.normalization_flags.use_shift.value;
        var eng = DnnlConvolutionPlan.ENGINE;
        var fpd = DnnlBatchNorm.fastestForward(shape, channelsLast, dnnl.prop_kind.forward_inference, eps, flags);
        forward = new batch_normalization_forward(fpd);
        input = new DnnlMemory(fpd.src_desc(), eng, DnnlScratch.SOURCE);
        output = new DnnlMemory(fpd.dst_desc(), eng, DnnlScratch.OUTPUT);
        scale = new memory(fpd.weights_desc(), eng, (Pointer) null);
        shift = new memory(fpd.weights_desc(), eng, (Pointer) null);
        mean = new memory(fpd.mean_desc(), eng, (Pointer) null);
        variance = new memory(fpd.variance_desc(), eng, (Pointer) null);
    }

    boolean fits(long[] other, boolean channelsLastInput, float epsilon) {
        return Arrays.equals(shape, other) && channelsLast == channelsLastInput && eps == epsilon;
    }

    void forward(INDArray x, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVariance, INDArray out) {
        scale.set_data_handle(NativeAddress.of(gamma));
        shift.set_data_handle(NativeAddress.of(beta));
        mean.set_data_handle(NativeAddress.of(runningMean));
        variance.set_data_handle(NativeAddress.of(runningVariance));
        forward.execute(stream, DnnlBatchNorm.forwardArguments(input.read(x, stream), output.writeTo(out), scale, shift, mean, variance));
        output.written(stream);
        stream._wait();
    }
}
