package org.vestis.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Random;

/**
 * Decodes a labelled photo and crops it to its box. A photo that cannot be read gives null: one damaged file
 * in thousands must not end a training run, so callers skip and count it.
 */
public final class PhotoLoader {
    private PhotoLoader() {
    }

    public static BufferedImage load(LabelledPhoto photo) {
        BufferedImage img;
        try {
            img = ImageIO.read(photo.file().toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (img == null) {
            return null;
        }
        return photo.box() == null ? img : crop(img, photo.box());
    }

    /** The photo, cropped and randomly augmented when an augmenter is given; null when unreadable. */
    public static BufferedImage load(LabelledPhoto photo, PhotoAugmenter augmenter, Random rng) {
        BufferedImage img = load(photo);
        return img == null || augmenter == null ? img : augmenter.apply(img, rng);
    }

    /** The box clipped to the photo; a box outside it (a bad annotation) leaves the whole photo. */
    static BufferedImage crop(BufferedImage img, LabelledPhoto.CropBox box) {
        int x1 = Math.max(0, Math.min(box.x1(), img.getWidth() - 1));
        int y1 = Math.max(0, Math.min(box.y1(), img.getHeight() - 1));
        int x2 = Math.max(x1 + 1, Math.min(box.x2(), img.getWidth()));
        int y2 = Math.max(y1 + 1, Math.min(box.y2(), img.getHeight()));
        if (x2 - x1 < 2 || y2 - y1 < 2) {
            return img;
        }
        return img.getSubimage(x1, y1, x2 - x1, y2 - y1);
    }
}
