package org.vestis.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AugmenterTest {
    private static final int H = 4;
    private static final int W = 5;

    /** Random that replays given shift draws and flip decisions, so each case is exact. */
    private static final class Scripted extends Random {
        private final Deque<Integer> ints = new ArrayDeque<>();
        private final boolean flip;

        Scripted(boolean flip, int... ints) {
            this.flip = flip;
            for (int i : ints) {
                this.ints.add(i);
            }
        }

        @Override
        public int nextInt(int bound) {
            int v = ints.remove();
            assertThat(v).isBetween(0, bound - 1);
            return v;
        }

        @Override
        public boolean nextBoolean() {
            return flip;
        }
    }

    /** 4x5 image with distinct values 10..200; one of them 255 to check unsigned scaling. */
    private static byte[] image() {
        byte[] img = new byte[H * W];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) (10 * (i + 1));
        }
        img[7] = (byte) 255;
        return img;
    }

    private static float px(byte[] img, int y, int x) {
        return (img[y * W + x] & 0xff) / 255f;
    }

    private static float[] run(Augmenter augmenter, byte[] img, Random rng) {
        float[] out = new float[H * W];
        augmenter.apply(img, 0, H, W, rng, out, 0);
        return out;
    }

    @Test
    void noShiftNoFlipIsAScaledCopy() {
        byte[] img = image();
        Random rng = new Random(1);

        float[] out = run(new Augmenter(0, false), img, rng);

        for (int i = 0; i < img.length; i++) {
            assertThat(out[i]).isCloseTo((img[i] & 0xff) / 255f, within(1e-7f));
        }
        assertThat(out[7]).isEqualTo(1f);
        for (float v : out) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(rng.nextInt()).as("no random draws").isEqualTo(new Random(1).nextInt());
    }

    @Test
    void copyScalesToUnitRangeAtOffsets() {
        byte[] src = {99, 0, (byte) 128, (byte) 255, 99};
        float[] out = new float[6];

        Augmenter.copy(src, 1, 3, out, 2);

        assertThat(out).containsExactly(0f, 0f, 0f, 128 / 255f, 1f, 0f);
    }

    @Test
    void zeroDrawnShiftAndNoFlipEqualsCopy() {
        byte[] img = image();
        float[] expected = new float[H * W];
        Augmenter.copy(img, 0, img.length, expected, 0);

        float[] out = run(new Augmenter(2, true), img, new Scripted(false, 2, 2)); // dy = dx = 2 - 2 = 0

        assertThat(out).containsExactly(expected);
    }

    @Test
    void flipMirrorsEachRow() {
        byte[] img = image();

        float[] out = run(new Augmenter(0, true), img, new Scripted(true));

        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertThat(out[y * W + x]).isEqualTo(px(img, y, W - 1 - x));
            }
        }
    }

    @Test
    void shiftMovesPixelsAndFillsWithZeros() {
        byte[] img = image();

        // maxShift 2: draws 3 and 4 give dy = +1 (down), dx = +2 (right)
        float[] out = run(new Augmenter(2, false), img, new Scripted(false, 3, 4));

        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float expected = y < 1 || x < 2 ? 0f : px(img, y - 1, x - 2);
                assertThat(out[y * W + x]).as("(%d,%d)", y, x).isEqualTo(expected);
            }
        }
    }

    @Test
    void negativeShiftMovesUpAndLeft() {
        byte[] img = new byte[H * W];
        img[2 * W + 3] = (byte) 255; // one bright pixel at (2,3)

        // draws 0 and 1 with maxShift 2: dy = -2, dx = -1
        float[] out = run(new Augmenter(2, false), img, new Scripted(false, 0, 1));

        float[] expected = new float[H * W];
        expected[0 * W + 2] = 1f;
        assertThat(out).containsExactly(expected);
    }

    @Test
    void shiftedFlipIsTheShiftOfTheMirror() {
        byte[] img = image();
        byte[] mirrored = new byte[img.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                mirrored[y * W + x] = img[y * W + W - 1 - x];
            }
        }

        float[] flippedAndShifted = run(new Augmenter(1, true), img, new Scripted(true, 2, 0)); // dy = +1, dx = -1
        float[] shiftedMirror = run(new Augmenter(1, false), mirrored, new Scripted(false, 2, 0));

        assertThat(flippedAndShifted).containsExactly(shiftedMirror);
    }

    @Test
    void writesAtTheGivenOffsetsOnly() {
        byte[] two = new byte[2 * H * W];
        byte[] img = image();
        System.arraycopy(img, 0, two, H * W, img.length); // second image
        float[] out = new float[3 * H * W];
        java.util.Arrays.fill(out, -1f);

        new Augmenter(0, false).apply(two, H * W, H, W, new Random(0), out, H * W);

        for (int i = 0; i < H * W; i++) {
            assertThat(out[i]).isEqualTo(-1f);
            assertThat(out[H * W + i]).isEqualTo((img[i] & 0xff) / 255f);
            assertThat(out[2 * H * W + i]).isEqualTo(-1f);
        }
    }

    @Test
    void randomErasingFillsOneRectangleOfTheDocumentedSizeWithNoise() {
        int side = 28;
        byte[] black = new byte[side * side];
        for (long seed = 0; seed < 50; seed++) {
            float[] out = new float[side * side];
            new Augmenter(0, false, 1.0).apply(black, 0, side, side, new Random(seed), out, 0);

            int top = side, left = side, bottom = -1, right = -1, nonZero = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float v = out[y * side + x];
                    assertThat(v).isBetween(0f, 1f);
                    if (v > 0) {
                        nonZero++;
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
            int area = (bottom - top + 1) * (right - left + 1);
            assertThat(nonZero).as("seed %d: the noise fills its bounding box", seed).isEqualTo(area);
            // 2% to 25% of 784 pixels, give or take the rounding of each side.
            assertThat(area).as("seed %d", seed).isBetween(10, 230);
        }
    }

    @Test
    void noErasingWithProbabilityZero() {
        byte[] img = image();
        float[] plain = run(new Augmenter(1, true), img, new Random(7));
        float[] zeroErase = run(new Augmenter(1, true, 0.0), img, new Random(7));
        assertThat(zeroErase).containsExactly(plain);
    }
}
