package org.vestis.model.zoo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdlerForgerTest {
    @TempDir
    Path dir;

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            zip.write("{\"layers\": 2}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("coefficients.bin"));
            zip.write(new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        }
        return bytes.toByteArray();
    }

    private static long adler32(byte[] bytes) {
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return adler.getValue();
    }

    private static long adler(long a, long b) {
        return b << 16 | a;
    }

    @Test
    void anyTargetIsReachedAndTheZipStillOpensWithTheSameEntries() throws IOException {
        byte[] original = zip();
        List<Long> targets = new ArrayList<>(List.of(3914447815L, 3501732770L, // ResNet50's and VGG16's
                adler(0, 0), adler(65520, 65520), adler(1, 0), adler32(original))); // the extremes, and "no change"
        byte[] lengthSet = original.clone(); // A just before the comment: the length field counts too
        lengthSet[original.length - 2] = (byte) AdlerForger.COMMENT_LENGTH;
        lengthSet[original.length - 1] = (byte) (AdlerForger.COMMENT_LENGTH >>> 8);
        long a0 = adler32(lengthSet) & 0xffff;
        targets.add(adler((a0 + 1) % 65521, 5)); // dA = 1: the largest tail (65520 = 256 * 255 + 240 for the 255s)
        targets.add(adler((a0 + 2) % 65521, 5)); // dA = 2: no tail at all
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            targets.add(adler(random.nextInt(65521), random.nextInt(65521)));
        }

        for (long target : targets) {
            byte[] forged = AdlerForger.withChecksum(original, target);

            assertThat(adler32(forged)).as("Adler32 for target %d", target).isEqualTo(target);
            assertThat(forged).hasSize(original.length + AdlerForger.COMMENT_LENGTH);
            Path file = dir.resolve("forged.zip");
            Files.write(file, forged);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                assertThat(zip.size()).isEqualTo(2);
                assertThat(zip.getInputStream(zip.getEntry("coefficients.bin")).readAllBytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            }
        }
    }

    @Test
    void refusesWhatItCannotForge() throws IOException {
        byte[] original = zip();
        assertThatThrownBy(() -> AdlerForger.withChecksum(original, adler(65521, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdlerForger.withChecksum(original, adler(0, 65521))).isInstanceOf(IllegalArgumentException.class);
        byte[] forged = AdlerForger.withChecksum(original, 1);
        assertThatThrownBy(() -> AdlerForger.withChecksum(forged, 1)).isInstanceOf(IllegalArgumentException.class); // has a comment
        assertThatThrownBy(() -> AdlerForger.withChecksum(new byte[30], 1)).isInstanceOf(IllegalArgumentException.class); // no zip
    }
}
