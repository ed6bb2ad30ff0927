package org.vestis.model;

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
import org.nd4j.linalg.api.shape.Shape;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ReLU whose gradient is computed by oneDNN: libnd4j's ReLU derivative calls a {@code std::function} per
 * element, which showed as 2-3% of fashion-cnn's training profile for its 28x28 convolution alone. Otherwise
 * (and in the forward pass) exactly DL4J's {@link ActivationReLU}, which also serialises it.
 */
public class DnnlRelu extends ActivationReLU {
    /** Backward primitives per element count: the arrays are treated as flat vectors. */
    private static final Map<Long, eltwise_backward> BACKWARD = new ConcurrentHashMap<>();

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (!OneDnnHelpers.useDnnl() || !plainFloats(in) || !plainFloats(epsilon) || !in.equalShapes(epsilon)
                || getMax() != null || getThreshold() != null || getNegativeSlope() != null) {
            return super.backprop(in, epsilon);
        }
        long n = in.length();
        memory.desc flat = new memory.desc(new long[]{n}, memory.data_type.f32, memory.format_tag.x);
        eltwise_backward primitive = BACKWARD.computeIfAbsent(n, k -> create(flat));
        var eng = DnnlConvolutionPlan.ENGINE;
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, new memory(flat, eng, NativeAddress.of(in)));
        args.put(dnnl.DNNL_ARG_DIFF_DST, new memory(flat, eng, NativeAddress.of(epsilon)));
        // In place, as DL4J's ReLU does: each element is read before it is written.
        args.put(dnnl.DNNL_ARG_DIFF_SRC, new memory(flat, eng, NativeAddress.of(in)));
        stream s = DnnlConvolutionPlan.threadStream();
        primitive.execute(s, args);
        s._wait();
        return new Pair<>(in, null);
    }

    private static boolean plainFloats(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.length() > 0;
    }

    private static eltwise_backward create(memory.desc flat) {
        var eng = DnnlConvolutionPlan.ENGINE;
        var hint = new eltwise_forward.primitive_desc(eng, dnnl.prop_kind.forward_training, dnnl.algorithm.eltwise_relu, flat, flat, 0f, 0f);
        return new eltwise_backward(new eltwise_backward.primitive_desc(eng, dnnl.algorithm.eltwise_relu, flat, flat, flat, 0f, 0f, hint));
    }
}
