package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matrix products through oneDNN 3 on the OpenMP threads the convolutions use. ND4J's products run on OpenBLAS's
 * own threads; inside training on 2 cores those wait for a core while the OpenMP threads spin after each
 * convolution, and a 1728x128x256 weight gradient took 4-10 ms in every third step instead of 1.3.
 */
final class DnnlMatmul {
    private static final Map<String, matmul> PRIMITIVES = new ConcurrentHashMap<>();

    private DnnlMatmul() {
    }

    /** Whether {@link #multiply} takes these operands: float matrices (any strides). */
    static boolean supports(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a == null || a.rank() != 2 || a.dataType() != DataType.FLOAT || a.length() == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code out = op(a) x op(b) (+ bias row)}, where op transposes when asked; out may have any strides. */
    static void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray bias, INDArray out) {
        if (bias == null && out.stride(0) == 1 && out.stride(1) != 1) {
            // oneDNN 3.11 has only reference code for a column-major result (a 1728x128x256 weight gradient:
            // 100x slower); its transpose is row-major, and out^T = op(b)^T x op(a)^T.
            multiply(b, !transposeB, a, !transposeA, null, out.transpose());
            return;
        }
        memory.desc src = desc(a, transposeA);
        memory.desc weights = desc(b, transposeB);
        memory.desc dst = desc(out, false);
        memory.desc biasDesc = bias == null ? null : new memory.desc(new long[]{1, out.size(1)}, memory.data_type.f32, memory.format_tag.ab);
        String key = key(a, transposeA, b, transposeB, out, bias != null);
        matmul primitive = PRIMITIVES.computeIfAbsent(key, k -> new matmul(biasDesc == null
                ? new matmul.primitive_desc(DnnlConvolutionPlan.ENGINE, src, weights, dst)
                : new matmul.primitive_desc(DnnlConvolutionPlan.ENGINE, src, weights, biasDesc, dst)));
        var eng = DnnlConvolutionPlan.ENGINE;
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, new memory(src, eng, NativeAddress.of(a)));
        args.put(dnnl.DNNL_ARG_WEIGHTS, new memory(weights, eng, NativeAddress.of(b)));
        args.put(dnnl.DNNL_ARG_DST, new memory(dst, eng, NativeAddress.of(out)));
        if (bias != null) {
            args.put(dnnl.DNNL_ARG_BIAS, new memory(biasDesc, eng, NativeAddress.of(bias)));
        }
        stream s = DnnlConvolutionPlan.threadStream();
        primitive.execute(s, args);
        s._wait();
    }

    /** The matrix as oneDNN sees it: its shape and strides, swapped for a transpose. */
    private static memory.desc desc(INDArray m, boolean transpose) {
        long[] dims = transpose ? new long[]{m.size(1), m.size(0)} : new long[]{m.size(0), m.size(1)};
        long[] strides = transpose ? new long[]{m.stride(1), m.stride(0)} : new long[]{m.stride(0), m.stride(1)};
        return new memory.desc(dims, memory.data_type.f32, strides);
    }

    private static String key(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out, boolean bias) {
        return Arrays.toString(a.shape()) + Arrays.toString(a.stride()) + transposeA + Arrays.toString(b.shape())
                + Arrays.toString(b.stride()) + transposeB + Arrays.toString(out.shape()) + Arrays.toString(out.stride()) + bias;
    }
}
