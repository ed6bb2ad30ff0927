package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.memory;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NCHW activations stored channel-last: to DL4J an array of shape [N, C, H, W] like any other, but its buffer
 * holds [N, H, W, C] (a permuted view). oneDNN's convolutions, batch norm and pooling read and write that layout
 * directly, so a chain of them needs no reorders; on plain NCHW each convolution reorders its operands to
 * channel blocks and back (15 ms of a 90 ms fashion-cnn training step), and batch norm and pooling are much slower
 * (pooling 0.1-0.3 ms per direction on NHWC, 0.3-1.1 on NCHW). DL4J's own code reads such views correctly
 * wherever it meets them, only more slowly, which is why only chains of our layers produce them.
 */
final class NhwcArrays {
    private NhwcArrays() {
    }

    /**
     * Whether {@code a} is a dense rank-4 float array whose channels are adjacent in memory. A row-major array with
     * one channel or 1x1 images is both: {@link DnnlMemory} then describes it channel-last, the layout our
     * primitives take, so that it needs no reorder.
     */
    static boolean is(INDArray a) {
        return a.rank() == 4 && a.dataType() == DataType.FLOAT && hasStrides(a, channelsLastStrides(a.shape()));
    }

    /** Stored channel-last and not row-major as well: DL4J's own code would read it as a strided view. */
    static boolean permuted(INDArray a) {
        return is(a) && !rowMajor(a);
    }

    /** A new [N, C, H, W] array, stored channel-last when asked, else row-major. */
    static INDArray create(LayerWorkspaceMgr workspaceMgr, ArrayType type, long[] nchw, boolean channelsLast) {
        if (!channelsLast) {
            return workspaceMgr.createUninitialized(type, DataType.FLOAT, nchw, 'c');
        }
        long[] nhwc = {nchw[0], nchw[2], nchw[3], nchw[1]};
        return workspaceMgr.createUninitialized(type, DataType.FLOAT, nhwc, 'c').permute(0, 3, 1, 2);
    }

    /** A new array of {@code template}'s shape, stored as it is (channel-last or row-major). */
    static INDArray like(INDArray template, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        return create(workspaceMgr, type, template.shape(), permuted(template));
    }

    /** {@code a} itself when oneDNN can read it in place (row-major or channel-last), else a row-major copy. */
    static INDArray readable(INDArray a) {
        return rowMajor(a) || is(a) ? a : a.dup('c');
    }

    /** A rank-4 layout: channel-last (NHWC) or row-major (NCHW, which for weights is OIHW). */
    static memory.desc desc(long[] shape, boolean channelsLast) {
        memory.format_tag tag = channelsLast ? memory.format_tag.nhwc : memory.format_tag.nchw;
        return new memory.desc(shape, memory.data_type.f32, tag);
    }

    /** Whether {@code a} is dense and row-major (dimensions of size 1 aside, whose strides ND4J sets either way). */
    static boolean rowMajor(INDArray a) {
        long[] shape = a.shape();
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return hasStrides(a, strides);
    }

    private static boolean hasStrides(INDArray a, long[] expected) {
        long[] shape = a.shape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > 1 && a.stride(i) != expected[i]) {
                return false;
            }
        }
        return a.length() > 0;
    }

    private static long[] channelsLastStrides(long[] s) {
        return new long[]{s[1] * s[2] * s[3], 1, s[3] * s[1], s[1]};
    }
}
