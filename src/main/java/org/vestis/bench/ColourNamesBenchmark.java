package org.vestis.bench;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.garment.ColourNames;
import org.vestis.video.garment.GarmentColour;

import java.util.Locale;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Microseconds per garment for {@link ColourNames} on synthetic crops (red and navy striped cloth with noise, an
 * elliptical garment mask): a 64x128 crop (the size the garment stage gets from a small person), with and without
 * a mask, and a 256x512 crop, of which the sampler reads at most 4,096 pixels. One thread, after a warm-up.
 *
 * <pre>java -cp "target/vestis.jar:target/lib/*" org.vestis.bench.ColourNamesBenchmark [--calls 20000]</pre>
 */
public final class ColourNamesBenchmark {
    private ColourNamesBenchmark() {
    }

    public static void main(String[] args) {
        int calls = 20000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--calls")) {
                calls = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; use [--calls N]");
            }
        }
        measure("64x128, whole crop", 64, 128, false, calls);
        measure("64x128, garment mask", 64, 128, true, calls);
        measure("256x512, garment mask", 256, 512, true, calls / 4);
    }

    private static void measure(String name, int width, int height, boolean masked, int calls) {
        try (Mat crop = crop(width, height); Mat mask = masked ? ellipse(width, height) : null) {
            GarmentColour last = null;
            for (int i = 0; i < Math.max(1000, calls / 10); i++) {
                last = ColourNames.of(crop, mask);
            }
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                last = ColourNames.of(crop, mask);
            }
            double micros = (System.nanoTime() - start) / 1e3 / calls;
            System.out.printf(Locale.ROOT, "RESULT colour-names %-22s %7.1f us/garment  (%s)%n", name, micros, last.label());
        }
    }

    private static Mat crop(int width, int height) {
        Random random = new Random(3);
        byte[] data = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean stripe = (y / 8) % 2 == 0;
                int i = 3 * (y * width + x);
                data[i] = (byte) ((stripe ? 36 : 64) + random.nextInt(9));       // B
                data[i + 1] = (byte) ((stripe ? 26 : 38) + random.nextInt(9));   // G
                data[i + 2] = (byte) ((stripe ? 196 : 27) + random.nextInt(9));  // R
            }
        }
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(data);
        return mat;
    }

    private static Mat ellipse(int width, int height) {
        byte[] data = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = (x - width / 2.0) / (width * 0.45);
                double dy = (y - height / 2.0) / (height * 0.45);
                data[y * width + x] = dx * dx + dy * dy < 1 ? (byte) 255 : 0;
            }
        }
        Mat mat = new Mat(height, width, CV_8UC1);
        mat.data().put(data);
        return mat;
    }
}
