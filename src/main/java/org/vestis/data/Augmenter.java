package org.vestis.data;

import java.util.Random;

/**
 * Random shifts (zero-padded), horizontal flips and, when asked for ({@code --erase}), random erasing of a
 * grayscale image: the augmentation of Fashion-MNIST training.
 */
public final class Augmenter {
    /** Random erasing (Zhong et al. 2017): the erased rectangle covers 2% to 25% of the image... */
    private static final double MIN_AREA = 0.02;
    private static final double MAX_AREA = 0.25;
    /** ...with a height-to-width ratio between 0.3 and 1/0.3, tried up to this many times to fit. */
    private static final double MIN_ASPECT = 0.3;
    private static final int ERASE_TRIES = 10;

    private final int maxShift;
    private final boolean flip;
    private final double eraseProbability;

    public Augmenter(int maxShift, boolean flip) {
        this(maxShift, flip, 0);
    }

    public Augmenter(int maxShift, boolean flip, double eraseProbability) {
        this.maxShift = maxShift;
        this.flip = flip;
        this.eraseProbability = eraseProbability;
    }

    /** Writes the augmented image, scaled to [0,1], into {@code out} at {@code offset}. */
    public void apply(byte[] src, int srcOffset, int height, int width, Random rng, float[] out, int offset) {
        int dy = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
        int dx = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
        boolean mirror = flip && rng.nextBoolean();
        for (int y = 0; y < height; y++) {
            int sy = y - dy;
            for (int x = 0; x < width; x++) {
                int sx = mirror ? width - 1 - (x - dx) : x - dx;
                float v = 0f;
                if (sy >= 0 && sy < height && sx >= 0 && sx < width) {
                    v = (src[srcOffset + sy * width + sx] & 0xff) / 255f;
                }
                out[offset + y * width + x] = v;
            }
        }
        if (eraseProbability > 0 && rng.nextDouble() < eraseProbability) {
            erase(height, width, rng, out, offset);
        }
    }

    /** Fills a random rectangle with uniform noise, so the network cannot rely on any one part of a garment. */
    private static void erase(int height, int width, Random rng, float[] out, int offset) {
        for (int attempt = 0; attempt < ERASE_TRIES; attempt++) {
            double area = height * width * (MIN_AREA + rng.nextDouble() * (MAX_AREA - MIN_AREA));
            double aspect = Math.exp(Math.log(MIN_ASPECT) + rng.nextDouble() * -2 * Math.log(MIN_ASPECT));
            int h = (int) Math.round(Math.sqrt(area * aspect));
            int w = (int) Math.round(Math.sqrt(area / aspect));
            if (h < 1 || w < 1 || h > height || w > width) {
                continue;
            }
            int top = rng.nextInt(height - h + 1);
            int left = rng.nextInt(width - w + 1);
            for (int y = top; y < top + h; y++) {
                for (int x = left; x < left + w; x++) {
                    out[offset + y * width + x] = rng.nextFloat();
                }
            }
            return;
        }
    }

    /** No augmentation: just the scaling to [0,1]. */
    public static void copy(byte[] src, int srcOffset, int n, float[] out, int offset) {
        for (int i = 0; i < n; i++) {
            out[offset + i] = (src[srcOffset + i] & 0xff) / 255f;
        }
    }
}
