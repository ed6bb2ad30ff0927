package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One operand of a oneDNN primitive in the layout the primitive wants (channel blocks such as nChw16c, or NHWC),
 * bound to an ND4J array. An array already in that layout is used in place; any other (row-major, or channel-last:
 * {@link NhwcArrays}) is reordered into a buffer of {@link DnnlScratch} (shared by all layers) and, for results,
 * back. Arrays must be {@link NhwcArrays#readable}. Nothing of an array is kept between calls, so one instance
 * serves every pass of a primitive set that binds the same layout and scratch buffer.
 */
final class DnnlMemory {
    private final memory.desc wanted;
    private final engine eng;
    private final memory inner;
    private final int scratchSlot;
    private final long innerBytes;
    /** How a row-major [0] and a channel-last [1] array are bound, worked out when first needed. */
    private final Layout[] layouts = new Layout[2];
    private Layout bound;

    /** @param scratchSlot which of {@link DnnlScratch}'s buffers holds the operand when an array's layout differs */
    DnnlMemory(memory.desc wanted, engine eng, int scratchSlot) {
        this.wanted = wanted;
        this.eng = eng;
        this.scratchSlot = scratchSlot;
        inner = new memory(wanted, eng, (Pointer) null);
        innerBytes = wanted.get_size();
    }

    /** The primitive's view of {@code array}'s values, reordered into its layout when needed. */
    memory read(INDArray array, stream s) {
        bind(array);
        if (bound != null) {
            bound.toInner.execute(s, bound.plain, inner);
        }
        return inner;
    }

    /** The memory the primitive writes to; {@link #written} then copies it into {@code array} when needed. */
    memory writeTo(INDArray array) {
        bind(array);
        return inner;
    }

    void written(stream s) {
        if (bound != null) {
            bound.toPlain.execute(s, inner, bound.plain);
        }
    }

    private void bind(INDArray array) {
        boolean channelsLast = NhwcArrays.is(array);
        int i = channelsLast ? 1 : 0;
        if (layouts[i] == null) {
            layouts[i] = Layout.of(NhwcArrays.desc(array.shape(), channelsLast), wanted, inner, eng);
        }
        bound = layouts[i].toInner == null ? null : layouts[i];
        if (bound == null) {
            inner.set_data_handle(NativeAddress.of(array));
        } else {
            bound.plain.set_data_handle(NativeAddress.of(array));
            inner.set_data_handle(DnnlScratch.get(scratchSlot, innerBytes));
        }
    }

    /** A row-major or channel-last array's memory and the reorders to the wanted layout (none when it is that). */
    private record Layout(memory plain, reorder toInner, reorder toPlain) {
        static Layout of(memory.desc layout, memory.desc wanted, memory inner, engine eng) {
            if (layout.equals(wanted)) {
                return new Layout(null, null, null);
            }
            memory plain = new memory(layout, eng, (Pointer) null);
            return new Layout(plain, new reorder(plain, inner), new reorder(inner, plain));
        }
    }
}
