package org.vestis.nn.dnnl;

import org.bytedeco.javacpp.Pointer;

/**
 * Native buffers for convolution operands in oneDNN's own layouts, one per operand role and thread, grown to the
 * largest size asked for. A convolution call reorders into them, runs, reorders out and is done with them, so
 * every layer can share them: kept per layer they cost about twice a network's activations (gigabytes for a
 * MobileNet fine-tuned at 224x224).
 */
final class DnnlScratch {
    static final int SOURCE = 0;
    static final int WEIGHTS = 1;
    static final int OUTPUT = 2;
    static final int WEIGHT_GRADIENT = 3;
    static final int SOURCE_GRADIENT = 4;
    static final int OUTPUT_FOR_SOURCE_GRADIENT = 5;
    private static final ThreadLocal<AlignedBuffer[]> SLOTS = ThreadLocal.withInitial(() -> {
        AlignedBuffer[] slots = new AlignedBuffer[6];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new AlignedBuffer();
        }
        return slots;
    });

    private DnnlScratch() {
    }

    /** At least {@code bytes} of this thread's buffer for {@code slot}, 64-byte aligned as oneDNN prefers. */
    static Pointer get(int slot, long bytes) {
        return NativeAddress.at(SLOTS.get()[slot].reserve(bytes));
    }
}
