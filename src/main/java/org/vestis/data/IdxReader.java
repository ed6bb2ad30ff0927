package org.vestis.data;

import org.vestis.io.InputFiles;
import org.vestis.UserException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads IDX files (the MNIST family's format), gzipped or not, checking magic numbers and sizes. */
public final class IdxReader {
    private static final int MAGIC_UBYTE_1D = 0x00000801;
    private static final int MAGIC_UBYTE_3D = 0x00000803;

    private IdxReader() {
    }

    /** Images as unsigned bytes, row-major, {@code count * rows * cols} of them. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != MAGIC_UBYTE_3D) {
                throw new UserException(String.format(
                        "%s is not an IDX image file (magic number 0x%08x, expected 0x%08x).", file, magic, MAGIC_UBYTE_3D));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count <= 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
                throw new UserException(String.format("%s has an impossible IDX header (%d images of %dx%d).", file, count, rows, cols));
            }
            byte[] pixels = new byte[count * rows * cols];
            in.readFully(pixels);
            requireEnd(in, file);
            return new Images(count, rows, cols, pixels);
        } catch (EOFException e) {
            throw truncated(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != MAGIC_UBYTE_1D) {
                throw new UserException(String.format(
                        "%s is not an IDX label file (magic number 0x%08x, expected 0x%08x).", file, magic, MAGIC_UBYTE_1D));
            }
            int count = in.readInt();
            if (count <= 0) {
                throw new UserException(String.format("%s has an impossible IDX header (%d labels).", file, count));
            }
            byte[] labels = new byte[count];
            in.readFully(labels);
            requireEnd(in, file);
            return labels;
        } catch (EOFException e) {
            throw truncated(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputFiles.requireFile(file, "IDX file", "");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
        } catch (IOException | RuntimeException e) {
            raw.close(); // a cut or corrupt gzip header fails in GZIPInputStream's constructor: don't leak the file handle
            throw e;
        }
    }

    private static void requireEnd(DataInputStream in, Path file) throws IOException {
        if (in.read() != -1) {
            throw new UserException(file + " is longer than its IDX header says; the file is corrupt: delete it and fetch it again.");
        }
    }

    private static UserException truncated(Path file) {
        return new UserException(file + " is truncated (shorter than its IDX header says): delete it and fetch it again.");
    }

    private static UserException unreadable(Path file, IOException e) {
        String why = e instanceof ZipException ? "its gzip data is corrupt" : e.getMessage();
        return new UserException("Cannot read " + file + " (" + why + "): delete it and fetch it again.", e);
    }
}
