package org.vestis.nn.dnnl;

import org.bytedeco.javacpp.BytePointer;

/**
 * A native buffer that only grows: each request gets a 64-byte aligned address (as oneDNN prefers) of at least the
 * bytes asked for, the same address as before unless the buffer had to grow (then the old contents are gone).
 */
final class AlignedBuffer {
    private static final long ALIGNMENT = 64;
    private BytePointer buffer;
    private long base;

    long reserve(long bytes) {
        if (buffer == null || buffer.capacity() < bytes + ALIGNMENT) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(Math.max(bytes, 1) + ALIGNMENT);
            base = (buffer.address() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }
        return base;
    }
}
