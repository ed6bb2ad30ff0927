package org.vestis.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Shared helpers for the data tests: the real Fashion-MNIST sample fixture and hand-built IDX files. */
public final class TestData {
    /** Environment variable pointing at the shared data dir (holding fashion-mnist/); real-data tests need it. */
    static final String REAL_DATA_ENV = "VESTIS_TEST_DATA";

    /** Per-class counts of the fixture (first 600 train / first 300 t10k images), as listed in its README. */
    static final int[] SAMPLE_TRAIN_COUNTS = {62, 66, 57, 58, 59, 58, 66, 61, 58, 55};
    static final int[] SAMPLE_TEST_COUNTS = {32, 35, 39, 24, 30, 27, 28, 29, 29, 27};

    private TestData() {
    }

    /** src/test/resources/fashion-mnist-sample, as found on the test class path. */
    public static Path sampleDir() {
        URL url = TestData.class.getResource("/fashion-mnist-sample/" + FashionMnist.TEST_LABELS);
        if (url == null) {
            throw new IllegalStateException("fashion-mnist-sample fixture not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** $VESTIS_TEST_DATA/fashion-mnist (only call from tests enabled on that variable). */
    static Path realDir() {
        return Path.of(System.getenv(REAL_DATA_ENV), "fashion-mnist");
    }

    static byte[] idxLabels(byte... labels) {
        return idxLabels(0x00000801, labels.length, labels);
    }

    static byte[] idxLabels(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
        return idxImages(0x00000803, count, rows, cols, pixels);
    }

    static byte[] idxImages(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, data);
    }

    static int[] classCounts(Dataset data) {
        int[] counts = new int[data.numClasses()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.label(i)]++;
        }
        return counts;
    }
}
