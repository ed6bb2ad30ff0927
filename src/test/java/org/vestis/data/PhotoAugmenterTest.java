package org.vestis.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoAugmenterTest {
    @Test
    void viewsAreSeededCropsOfAtLeast80PercentAndDiffer() {
        BufferedImage photo = PhotoLoader.load(new LabelledPhoto(Path.of("src/test/resources/photos/dress.jpg"), 0, null));
        PhotoAugmenter augmenter = new PhotoAugmenter();
        BufferedImage a = augmenter.apply(photo, new Random(1));
        BufferedImage b = augmenter.apply(photo, new Random(1));
        BufferedImage c = augmenter.apply(photo, new Random(2));
        assertThat(a.getWidth()).isBetween((int) (0.8 * photo.getWidth()) - 1, photo.getWidth());
        assertThat(a.getHeight()).isBetween((int) (0.8 * photo.getHeight()) - 1, photo.getHeight());
        assertThat(a.getRGB(10, 10)).isEqualTo(b.getRGB(10, 10));
        assertThat(a.getWidth() != c.getWidth() || a.getHeight() != c.getHeight() || a.getRGB(10, 10) != c.getRGB(10, 10)).isTrue();
    }
}
