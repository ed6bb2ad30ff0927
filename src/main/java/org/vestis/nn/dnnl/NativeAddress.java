package org.vestis.nn.dnnl;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Where an ND4J array's first element lives in native memory, for block copies and native calls. */
final class NativeAddress {
    private NativeAddress() {
    }

    /**
     * A pointer at position 0 to a contiguous array's first element (the caller makes sure it is contiguous).
     * {@code data().addressPointer()} already points at a view's first element, so adding the view's offset
     * to it, as a position, would count the offset twice; and JavaCPP adds a position to a {@code void*}
     * argument in bytes, not elements.
     */
    static Pointer of(INDArray array) {
        return at(array.data().address() + array.offset() * array.data().getElementSize());
    }

    /** A pointer at position 0 to {@code where}, owning nothing. */
    static Pointer at(long where) {
        return new Pointer() {
            {
                address = where; // a parameter named "address" would be hidden by this field
            }
        };
    }

    /** The array itself when it is row-major and contiguous, else a row-major copy (what native calls can read). */
    static INDArray rowMajor(INDArray array) {
        return NhwcArrays.rowMajor(array) ? array : array.dup('c');
    }

    /** Copies what a native call wrote into {@code written}, a {@link #rowMajor} stand-in, back to {@code target}. */
    static void copyBack(INDArray written, INDArray target) {
        if (written != target) {
            target.assign(written);
        }
    }

    static FloatPointer floats(INDArray array) {
        return new FloatPointer(of(array));
    }
}
