package org.vestis.model;

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
 * back. Arrays must be {@link NhwcArrays#readable}.
 */
final class DnnlMemory {
    private final memory.desc wanted;
    private final engine eng;
    private final memory inner;
    private final int scratchSlot;
    private final long innerBytes;
    /** Reorders from and to a row-major [0] and a channel-last [1] array, made when first needed. */
    private final Conversion[] conversions = new Conversion[2];
    private Conversion bound;

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
        memory.desc layout = NhwcArrays.desc(array.shape(), channelsLast);
        if (layout.equals(wanted)) {
            bound = null;
            inner.set_data_handle(NativeAddress.of(array));
            return;
        }
        int i = channelsLast ? 1 : 0;
        if (conversions[i] == null) {
            conversions[i] = new Conversion(new memory(layout, eng, (Pointer) null), inner);
        }
        bound = conversions[i];
        bound.plain.set_data_handle(NativeAddress.of(array));
        inner.set_data_handle(DnnlScratch.get(scratchSlot, innerBytes));
    }

    private record Conversion(memory plain, reorder toInner, reorder toPlain) {
        Conversion(memory plain, memory inner) {
            this(plain, new reorder(plain, inner), new reorder(inner, plain));
        }
    }
}
