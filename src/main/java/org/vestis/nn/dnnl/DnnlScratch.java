package org.vestis.nn.dnnl;

import org.bytedeco.javacpp.BytePointer;
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
    private static final int ALIGNMENT = 64;
    private static final ThreadLocal<BytePointer[]> SLOTS = ThreadLocal.withInitial(() -> new BytePointer[6]);

    private DnnlScratch() {
    }

    /** At least {@code bytes} of this thread's buffer for {@code slot}, 64-byte aligned as oneDNN prefers. */
    static Pointer get(int slot, long bytes) {
        BytePointer[] slots = SLOTS.get();
        BytePointer buffer = slots[slot];
        if (buffer == null || buffer.capacity() < bytes + ALIGNMENT) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(bytes + ALIGNMENT);
            slots[slot] = buffer;
        }
        long aligned = (buffer.address() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        return new Pointer() {
            {
                address = aligned;
            }
        };
    }
}
