package org.vestis.serve.photos;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether uploaded bytes are a photo the shop takes, by their content, never by their name or declared type:
 * a JPEG, PNG, GIF or BMP within the size limits, whose declared pixel count is read from its header before any pixel
 * is decoded (a small file declaring a huge image, a decompression bomb, is refused unread), and that then decodes.
 */
public final class UploadCheck {
    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif", "bmp");

    private final long maxBytes;
    private final long maxPixels;

    public UploadCheck(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A photo that passed: its format, size and decoded pixels. */
    public record CheckedPhoto(String mediaType, int width, int height, BufferedImage image) {
    }

    /** Checks the bytes; the exception's message says in one sentence why they were refused. */
    public CheckedPhoto check(byte[] bytes) {
        if (bytes.length == 0) {
            throw new RejectedUpload("The file is empty.");
        }
        if (bytes.length > maxBytes) {
            throw new RejectedUpload(String.format(Locale.ROOT, "The file has %.1f MiB; the limit is %.0f MiB.",
                    bytes.length / 1048576.0, maxBytes / 1048576.0));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RejectedUpload("The file is not an image (JPEG, PNG, GIF or BMP).");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (format.equals("jpg")) {
                    format = "jpeg";
                }
                if (!FORMATS.contains(format)) {
                    throw new RejectedUpload("Images in " + format + " are not taken; upload JPEG, PNG, GIF or BMP.");
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw new RejectedUpload("The image has no pixels.");
                }
                if ((long) width * height > maxPixels) {
                    throw new RejectedUpload(String.format(Locale.ROOT, "The image declares %dx%d pixels; the limit is %.0f megapixels.",
                            width, height, maxPixels / 1e6));
                }
                BufferedImage image = reader.read(0);
                return new CheckedPhoto("image/" + format, width, height, image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedUpload r) {
                throw r;
            }
            throw new RejectedUpload("The image cannot be decoded (" + firstLine(e) + ").");
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Bytes the shop does not take; the message is shown to the uploader. */
    public static final class RejectedUpload extends RuntimeException {
        public RejectedUpload(String message) {
            super(message);
        }
    }
}
