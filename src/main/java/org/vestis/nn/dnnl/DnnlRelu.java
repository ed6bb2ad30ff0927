package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ReLU whose gradient is computed by oneDNN: libnd4j's ReLU derivative calls a {@code std::function} per
 * element, which showed as 2-3% of fashion-cnn's training profile for its 28x28 convolution alone. The forward
 * pass runs in oneDNN too for channel-last arrays ({@link NhwcArrays}), which libnd4j would walk as strided views.
 * Otherwise exactly DL4J's {@link ActivationReLU}, which also serialises it.
 */
public class DnnlRelu extends ActivationReLU {
    /** Primitives per element count: the arrays are treated as flat vectors. */
    private static final Map<Long, eltwise_forward> FORWARD = new ConcurrentHashMap<>();
    private static final Map<Long, eltwise_backward> BACKWARD = new ConcurrentHashMap<>();

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!usable(in) || !NhwcArrays.permuted(in)) {
            return super.getActivation(in, training);
        }
        long n = in.length();
        memory.desc flat = flat(n);
        eltwise_forward primitive = FORWARD.computeIfAbsent(n, k -> new eltwise_forward(forwardDesc(flat)));
        // In place: one memory for source and destination.
        memory data = new memory(flat, DnnlConvolutionPlan.ENGINE, NativeAddress.of(in));
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, data);
        args.put(dnnl.DNNL_ARG_DST, data);
        run(primitive, args);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (!usable(in) || !usable(epsilon) || !in.equalShapes(epsilon) || NhwcArrays.permuted(in) != NhwcArrays.permuted(epsilon)) {
            return super.backprop(in, epsilon);
        }
        long n = in.length();
        memory.desc flat = flat(n);
        eltwise_backward primitive = BACKWARD.computeIfAbsent(n, k -> create(flat));
        var eng = DnnlConvolutionPlan.ENGINE;
        memory values = new memory(flat, eng, NativeAddress.of(in));
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, values);
        args.put(dnnl.DNNL_ARG_DIFF_DST, new memory(flat, eng, NativeAddress.of(epsilon)));
        // In place, as DL4J's ReLU does: each element is read before it is written.
        args.put(dnnl.DNNL_ARG_DIFF_SRC, values);
        run(primitive, args);
        return new Pair<>(in, null);
    }

    /** A plain ReLU on a float array that is one dense block (row-major or channel-last), when oneDNN 3 is there. */
    private boolean usable(INDArray a) {
        return DnnlHelpers.useDnnl() && getMax() == null && getThreshold() == null && getNegativeSlope() == null
                && a.dataType() == DataType.FLOAT && a.length() > 0 && (NhwcArrays.rowMajor(a) || NhwcArrays.permuted(a));
    }

    private static memory.desc flat(long n) {
        return new memory.desc(new long[]{n}, memory.data_type.f32, memory.format_tag.x);
    }

    private static void run(org.bytedeco.dnnl.primitive primitive, IntMemoryMap args) {
        stream s = DnnlConvolutionPlan.threadStream();
        primitive.execute(s, args);
        s._wait();
    }

    private static eltwise_forward.primitive_desc forwardDesc(memory.desc flat) {
        return new eltwise_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_training,
                dnnl.algorithm.eltwise_relu, flat, flat, 0f, 0f);
    }

    private static eltwise_backward create(memory.desc flat) {
        return new eltwise_backward(new eltwise_backward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.algorithm.eltwise_relu,
                flat, flat, flat, 0f, 0f, forwardDesc(flat)));
    }
}
