package org.vestis.data;

import java.util.Random;

/** Random shifts (zero-padded) and horizontal flips of a grayscale image, the augmentation fashion-cnn trains with. */
public final class Augmenter {
    private final int maxShift;
    private final boolean flip;

    public Augmenter(int maxShift, boolean flip) {
        this.maxShift = maxShift;
        this.flip = flip;
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
    }

    /** No augmentation: just the scaling to [0,1]. */
    public static void copy(byte[] src, int srcOffset, int n, float[] out, int offset) {
        for (int i = 0; i < n; i++) {
            out[offset + i] = (src[srcOffset + i] & 0xff) / 255f;
        }
    }
}
