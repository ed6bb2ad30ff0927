package org.vestis.data;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Random views of a photo for training: horizontal flip, a crop keeping 80-100% of each side, and colour
 * jitter (brightness, contrast, saturation each within +-20%). Garments keep their class under all three.
 */
public final class PhotoAugmenter {
    static final double MIN_CROP = 0.8;
    static final double JITTER = 0.2;

    public BufferedImage apply(BufferedImage photo, Random rng) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int cw = Math.max(1, (int) Math.round(w * (MIN_CROP + (1 - MIN_CROP) * rng.nextDouble())));
        int ch = Math.max(1, (int) Math.round(h * (MIN_CROP + (1 - MIN_CROP) * rng.nextDouble())));
        int x0 = rng.nextInt(w - cw + 1);
        int y0 = rng.nextInt(h - ch + 1);
        boolean flip = rng.nextBoolean();
        double brightness = 1 + JITTER * (2 * rng.nextDouble() - 1);
        double contrast = 1 + JITTER * (2 * rng.nextDouble() - 1);
        double saturation = 1 + JITTER * (2 * rng.nextDouble() - 1);
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int sx = x0 + (flip ? cw - 1 - x : x);
                int rgb = photo.getRGB(sx, y0 + y);
                double r = (rgb >> 16) & 0xff;
                double g = (rgb >> 8) & 0xff;
                double b = rgb & 0xff;
                double gray = 0.299 * r + 0.587 * g + 0.114 * b;
                r = jitter(r, gray, brightness, contrast, saturation);
                g = jitter(g, gray, brightness, contrast, saturation);
                b = jitter(b, gray, brightness, contrast, saturation);
                out.setRGB(x, y, ((int) r << 16) | ((int) g << 8) | (int) b);
            }
        }
        return out;
    }

    /** Saturation pulls towards the pixel's gray, contrast away from mid-gray, brightness scales. */
    private static double jitter(double v, double gray, double brightness, double contrast, double saturation) {
        v = gray + (v - gray) * saturation;
        v = 128 + (v - 128) * contrast;
        v *= brightness;
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
