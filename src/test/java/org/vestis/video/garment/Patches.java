package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Synthetic garment patches: sRGB colours, physically shaded (scaled in linear light), with a little sensor noise. */
final class Patches {
    /** Paints one pixel: the sRGB colour {r, g, b} at (x, y). */
    interface Painter {
        int[] rgb(int x, int y);
    }

    private Patches() {
    }

    /** A width x height BGR image painted by {@code painter}, plus uniform noise of +-{@code noise} levels. */
    static Mat paint(int width, int height, int noise, Painter painter) {
        Random random = new Random(7);
        byte[] data = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = painter.rgb(x, y);
                int i = 3 * (y * width + x);
                for (int c = 0; c < 3; c++) {
                    int v = rgb[2 - c] + (noise == 0 ? 0 : random.nextInt(2 * noise + 1) - noise);
                    data[i + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(data);
        return mat;
    }

    static Mat uniform(int width, int height, int r, int g, int b) {
        return paint(width, height, 2, (x, y) -> new int[] {r, g, b});
    }

    /** An 8-bit mask, 255 where {@code inside} holds. */
    static Mat mask(int width, int height, java.util.function.BiPredicate<Integer, Integer> inside) {
        byte[] data = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                data[y * width + x] = inside.test(x, y) ? (byte) 255 : 0;
            }
        }
        Mat mat = new Mat(height, width, CV_8UC1);
        mat.data().put(data);
        return mat;
    }

    /** The sRGB colour {r, g, b} under {@code light} times the illumination (1 = as given, 0.25 = a quarter). */
    static int[] shaded(int[] rgb, double light) {
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) {
            out[c] = (int) Math.round(255 * encode(decode(rgb[c] / 255.0) * light));
        }
        return out;
    }

    private static double decode(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double encode(double v) {
        v = Math.max(0, Math.min(1, v));
        return v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    }
}
