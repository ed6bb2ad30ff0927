package org.vestis.interop.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One table of a FlatBuffer (little endian): just the accessors the TensorFlow Lite schema needs, so that no
 * generated code or extra dependency is required. Every read is bounds-checked by the ByteBuffer, so a
 * damaged file ends in an IndexOutOfBoundsException that the caller turns into a clear message.
 */
final class FlatTable {
    private final ByteBuffer buf;
    private final int pos;
    private final int vtable;
    private final int vtableSize;

    private FlatTable(ByteBuffer buf, int pos) {
        this.buf = buf;
        this.pos = pos;
        this.vtable = pos - buf.getInt(pos);
        this.vtableSize = Short.toUnsignedInt(buf.getShort(vtable));
    }

    /** The root table: its offset is the first 32-bit word. */
    static FlatTable root(ByteBuffer buf) {
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(le, le.getInt(0));
    }

    /**
     * Absolute position of field {@code index}, or 0 when the field is absent (it has its default then); package-private
     * for the tests that damage files on purpose.
     */
    int field(int index) {
        int slot = 4 + 2 * index;
        if (slot + 2 > vtableSize) {
            return 0;
        }
        int offset = Short.toUnsignedInt(buf.getShort(vtable + slot));
        return offset == 0 ? 0 : pos + offset;
    }

    int getInt(int index, int defaultValue) {
        int f = field(index);
        return f == 0 ? defaultValue : buf.getInt(f);
    }

    int getByte(int index, int defaultValue) {
        int f = field(index);
        return f == 0 ? defaultValue : buf.get(f);
    }

    /** Follows a uoffset field to the position it points at. */
    private int indirect(int f) {
        return f + buf.getInt(f);
    }

    FlatTable table(int index) {
        int f = field(index);
        return f == 0 ? null : new FlatTable(buf, indirect(f));
    }

    String string(int index) {
        int f = field(index);
        if (f == 0) {
            return null;
        }
        int start = indirect(f);
        byte[] bytes = new byte[checkedLength(buf.getInt(start))];
        buf.get(start + 4, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    int vectorLength(int index) {
        int f = field(index);
        return f == 0 ? 0 : checkedLength(buf.getInt(indirect(f)));
    }

    /** A length read from the file, refused when it cannot fit in the file (a damaged file, not an allocation). */
    private int checkedLength(int n) {
        if (n < 0 || n > buf.capacity()) {
            throw new IndexOutOfBoundsException("length " + n + " in a file of " + buf.capacity() + " bytes");
        }
        return n;
    }

    FlatTable tableAt(int index, int i) {
        int element = vectorStart(index) + 4 * i;
        return new FlatTable(buf, indirect(element));
    }

    int[] ints(int index) {
        int n = vectorLength(index);
        int start = vectorStart(index);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getInt(start + 4 * i);
        }
        return out;
    }

    long[] longs(int index) {
        int n = vectorLength(index);
        int start = vectorStart(index);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getLong(start + 8 * i);
        }
        return out;
    }

    float[] floats(int index) {
        int n = vectorLength(index);
        int start = vectorStart(index);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getFloat(start + 4 * i);
        }
        return out;
    }

    /** A byte vector as a read-only little-endian view (no copy: weight buffers can be megabytes). */
    ByteBuffer bytes(int index) {
        int n = vectorLength(index);
        if (n == 0) {
            return ByteBuffer.allocate(0);
        }
        return buf.slice(vectorStart(index), n).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Where the elements of vector field {@code index} start; package-private for the same tests as {@link #field}. */
    int vectorStart(int index) {
        return indirect(field(index)) + 4;
    }
}
