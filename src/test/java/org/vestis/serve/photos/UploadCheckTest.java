package org.vestis.serve.photos;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadCheckTest {
    private final UploadCheck check = new UploadCheck(1 << 20, 1_000_000);

    @Test
    void takesARealPhotoAndReportsItsSize() throws IOException {
        byte[] jpeg = Files.readAllBytes(Path.of("src/test/resources/photos/dress.jpg"));
        UploadCheck.CheckedPhoto p = new UploadCheck(UploadCheck.DEFAULT_MAX_BYTES, UploadCheck.DEFAULT_MAX_PIXELS).check(jpeg);
        assertThat(p.mediaType()).isEqualTo("image/jpeg");
        assertThat(p.width()).isEqualTo(p.image().getWidth());
        assertThat(p.height()).isEqualTo(p.image().getHeight());
    }

    @Test
    void takesPngByContentWhateverItIsCalled() throws IOException {
        assertThat(check.check(png(40, 30)).mediaType()).isEqualTo("image/png");
    }

    @Test
    void refusesWhatIsNotAnImage() {
        assertThatThrownBy(() -> check.check("#!/bin/sh\nrm -rf /\n".getBytes()))
                .isInstanceOf(UploadCheck.RejectedUpload.class).hasMessage("The file is not an image (JPEG, PNG, GIF or BMP).");
        assertThatThrownBy(() -> check.check(new byte[0])).hasMessage("The file is empty.");
    }

    @Test
    void refusesATruncatedImage() throws IOException {
        byte[] jpeg = Files.readAllBytes(Path.of("src/test/resources/photos/dress.jpg"));
        assertThatThrownBy(() -> check.check(Arrays.copyOf(jpeg, 600)))
                .isInstanceOf(UploadCheck.RejectedUpload.class).hasMessageStartingWith("The image cannot be decoded");
    }

    @Test
    void refusesTooManyBytes() {
        byte[] big = new byte[(1 << 20) + 1];
        assertThatThrownBy(() -> check.check(big)).hasMessage("The file has 1.0 MiB; the limit is 1 MiB.");
    }

    /** A decompression bomb: a PNG of a few bytes whose header declares 50000x50000 pixels is refused before decoding. */
    @Test
    void refusesADecompressionBombFromItsHeader() throws IOException {
        byte[] bomb = pngDeclaring(50_000, 50_000);
        assertThat(bomb.length).isLessThan(100);
        assertThatThrownBy(() -> check.check(bomb))
                .isInstanceOf(UploadCheck.RejectedUpload.class).hasMessage("The image declares 50000x50000 pixels; the limit is 1 megapixels.");
    }

    private static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** PNG signature and an IHDR chunk (8-bit RGB) declaring the size, then nothing: the header alone. */
    static byte[] pngDeclaring(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        CRC32 endCrc = new CRC32();
        endCrc.update("IEND".getBytes());
        png.putInt(0).put("IEND".getBytes()).putInt((int) endCrc.getValue());
        return png.array();
    }
}
