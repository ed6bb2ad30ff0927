package org.vestis.model;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One operand of a oneDNN primitive: an ND4J array in its plain layout (NCHW, OIHW, ...) and, when the
 * primitive wants another layout (blocked formats such as nChw16c are what make oneDNN fast), a memory of
 * a buffer in that layout ({@link DnnlScratch}, shared by all layers) with the reorders between the two. The ND4J
 * array's buffer is used in place.
 */
final class DnnlMemory {
    private final memory plain;
    private final memory inner;
    private final reorder toInner;
    private final reorder toPlain;
    private final int scratchSlot;
    private final long innerBytes;

    /** @param scratchSlot which of {@link DnnlScratch}'s buffers holds the operand when its layout differs */
    DnnlMemory(memory.desc plainDesc, memory.desc wanted, engine eng, int scratchSlot) {
        this.scratchSlot = scratchSlot;
        plain = new memory(plainDesc, eng, (Pointer) null);
        innerBytes = wanted.get_size();
        if (plainDesc.equals(wanted)) {
            inner = plain;
            toInner = null;
            toPlain = null;
        } else {
            inner = new memory(wanted, eng, (Pointer) null);
            toInner = new reorder(plain, inner);
            toPlain = new reorder(inner, plain);
        }
    }

    /** The primitive's view of {@code array}'s values, reordered into its layout when needed. */
    memory read(INDArray array, stream s) {
        bind(array);
        if (toInner != null) {
            toInner.execute(s, plain, inner);
        }
        return inner;
    }

    /** The memory the primitive writes to; {@link #written} then copies it into {@code array} when needed. */
    memory writeTo(INDArray array) {
        bind(array);
        return inner;
    }

    private void bind(INDArray array) {
        plain.set_data_handle(NativeAddress.of(array));
        if (inner != plain) {
            inner.set_data_handle(DnnlScratch.get(scratchSlot, innerBytes));
        }
    }

    void written(stream s) {
        if (toPlain != null) {
            toPlain.execute(s, inner, plain);
        }
    }
}
