package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vestis.data.TestData.gzip;
import static org.vestis.data.TestData.idxImages;
import static org.vestis.data.TestData.idxLabels;
import static org.vestis.data.TestData.write;

class IdxReaderTest {
    /** 3 images of 2x4; values above 127 check the bytes are read as unsigned data, not mangled. */
    private static final byte[] PIXELS = {
            0, 1, 2, 3, 4, 5, 6, 7,
            (byte) 128, (byte) 200, (byte) 255, 9, 10, 11, 12, 13,
            20, 21, 22, 23, 24, 25, 26, (byte) 254};
    private static final byte[] LABELS = {9, 0, 3};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void readsImages(boolean gzipped) throws IOException {
        byte[] idx = idxImages(3, 2, 4, PIXELS);
        Path file = write(dir.resolve("images.idx"), gzipped ? gzip(idx) : idx);

        IdxReader.Images images = IdxReader.readImages(file);

        assertThat(images.count()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.cols()).isEqualTo(4);
        assertThat(images.pixels()).containsExactly(PIXELS);
        assertThat(images.pixels()[10] & 0xff).isEqualTo(255);
    }

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void readsLabels(boolean gzipped) throws IOException {
        byte[] idx = idxLabels(LABELS);
        Path file = write(dir.resolve("labels.idx"), gzipped ? gzip(idx) : idx);

        assertThat(IdxReader.readLabels(file)).containsExactly(LABELS);
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        Path labels = write(dir.resolve("labels.idx"), idxLabels(LABELS));
        Path images = write(dir.resolve("images.idx.gz"), gzip(idxImages(3, 2, 4, PIXELS)));
        Path garbage = write(dir.resolve("garbage.idx"), idxLabels(0x12345678, 3, LABELS));

        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("not an IDX image file")
                .hasMessageContaining("0x00000801");
        assertThatThrownBy(() -> IdxReader.readLabels(images))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("not an IDX label file")
                .hasMessageContaining("0x00000803");
        assertThatThrownBy(() -> IdxReader.readLabels(garbage))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(garbage.toString())
                .hasMessageContaining("0x12345678");
    }

    @Test
    void rejectsTruncatedPlainFiles() throws IOException {
        byte[] images = idxImages(3, 2, 4, PIXELS);
        Path shortImages = write(dir.resolve("short-images.idx"), Arrays.copyOf(images, images.length - 5));
        Path shortLabels = write(dir.resolve("short-labels.idx"), idxLabels(0x801, 5, LABELS));
        Path headerOnly = write(dir.resolve("half-header.idx"), Arrays.copyOf(images, 10));
        Path empty = write(dir.resolve("empty.idx"), new byte[0]);

        for (Path file : new Path[]{shortImages, headerOnly, empty}) {
            assertThatThrownBy(() -> IdxReader.readImages(file))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("truncated");
        }
        assertThatThrownBy(() -> IdxReader.readLabels(shortLabels))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(shortLabels.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsTruncatedGzipStream() throws IOException {
        byte[] gz = gzip(idxImages(3, 2, 4, PIXELS));
        Path cutInBody = write(dir.resolve("cut-body.idx.gz"), Arrays.copyOf(gz, gz.length - 12));
        Path cutInHeader = write(dir.resolve("cut-header.idx.gz"), Arrays.copyOf(gz, 5));

        for (Path file : new Path[]{cutInBody, cutInHeader}) {
            assertThatThrownBy(() -> IdxReader.readImages(file))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining(file.toString());
        }
        assertThatThrownBy(() -> IdxReader.readImages(cutInBody)).hasMessageContaining("truncated");
    }

    @Test
    void rejectsGzippedDataShorterThanItsHeader() throws IOException {
        // A valid gzip stream whose content is a truncated IDX file.
        Path file = write(dir.resolve("labels.idx.gz"), gzip(idxLabels(0x801, 4, LABELS)));

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void rejectsTrailingBytes(boolean gzipped) throws IOException {
        byte[] images = idxImages(2, 2, 4, PIXELS); // header says 2 images, body holds 3
        byte[] labels = idxLabels(0x801, 2, LABELS);
        Path imageFile = write(dir.resolve("images.idx"), gzipped ? gzip(images) : images);
        Path labelFile = write(dir.resolve("labels.idx"), gzipped ? gzip(labels) : labels);

        assertThatThrownBy(() -> IdxReader.readImages(imageFile))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(imageFile.toString())
                .hasMessageContaining("longer than its IDX header says");
        assertThatThrownBy(() -> IdxReader.readLabels(labelFile))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(labelFile.toString())
                .hasMessageContaining("longer than its IDX header says");
    }

    @Test
    void rejectsCorruptGzipData() throws IOException {
        byte[] gz = gzip(idxImages(3, 2, 4, PIXELS));
        // Garbage deflate data right after the 10-byte gzip header: 0xff starts a block of reserved type 3.
        byte[] badBody = gz.clone();
        Arrays.fill(badBody, 10, badBody.length - 8, (byte) 0xff);
        // Intact deflate data, wrong CRC-32 in the trailer.
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 0x5a;
        Path bodyFile = write(dir.resolve("bad-body.idx.gz"), badBody);
        Path crcFile = write(dir.resolve("bad-crc.idx.gz"), badCrc);

        for (Path file : new Path[]{bodyFile, crcFile}) {
            assertThatThrownBy(() -> IdxReader.readImages(file))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("gzip data is corrupt");
        }
    }

    @Test
    void rejectsImpossibleHeaders() throws IOException {
        Path noImages = write(dir.resolve("zero.idx"), idxImages(0, 28, 28, new byte[0]));
        Path negative = write(dir.resolve("negative.idx"), idxLabels(0x801, -1, new byte[0]));

        assertThatThrownBy(() -> IdxReader.readImages(noImages))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(noImages.toString())
                .hasMessageContaining("impossible IDX header");
        assertThatThrownBy(() -> IdxReader.readLabels(negative))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(negative.toString())
                .hasMessageContaining("impossible IDX header");
    }

    @Test
    void rejectsMissingFile() {
        Path missing = dir.resolve("nope.idx.gz");

        assertThatThrownBy(() -> IdxReader.readLabels(missing))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void readsTheSampleFixture() {
        Path sample = TestData.sampleDir();

        IdxReader.Images images = IdxReader.readImages(sample.resolve(FashionMnist.TEST_IMAGES));
        byte[] labels = IdxReader.readLabels(sample.resolve(FashionMnist.TEST_LABELS));

        assertThat(images.count()).isEqualTo(300);
        assertThat(images.rows()).isEqualTo(28);
        assertThat(images.cols()).isEqualTo(28);
        assertThat(labels).hasSize(300);
        assertThat(Arrays.copyOf(labels, 5)).containsExactly(9, 2, 1, 1, 6);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestData.REAL_DATA_ENV, matches = ".+")
    void readsTheRealTestLabels() {
        Path file = TestData.realDir().resolve(FashionMnist.TEST_LABELS);
        assertThat(file).isRegularFile();

        byte[] labels = IdxReader.readLabels(file);

        assertThat(labels).hasSize(10_000);
        int[] counts = new int[10];
        for (byte label : labels) {
            counts[label & 0xff]++;
        }
        assertThat(counts).containsOnly(1_000);
    }
}
