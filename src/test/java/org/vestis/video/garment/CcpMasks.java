package org.vestis.video.garment;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * CCP label masks read as garment slots (slots.csv): which pixels hold a top or outerwear, a bottom, a dress (a bottom in
 * slots.csv, but one reaching from the shoulders, so kept apart here), footwear, a hat.
 */
final class CcpMasks {
    enum Garment { HAT, TOP, BOTTOM, DRESS, FOOTWEAR }

    private static final Set<String> DRESSES = Set.of("dress", "romper");

    private final Garment[] garmentOfLabel = new Garment[256];

    CcpMasks(Path ccp) throws IOException {
        List<String> labels = Files.readAllLines(ccp.resolve("labels.txt")).stream().map(String::trim).toList();
        for (String line : Files.readAllLines(ccp.resolve("slots.csv"))) {
            if (line.startsWith("#") || line.startsWith("label,") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            int index = labels.indexOf(f[0]);
            if (index < 0) {
                throw new IllegalStateException("slots.csv names " + f[0] + ", which labels.txt lacks");
            }
            garmentOfLabel[index] = DRESSES.contains(f[0]) ? Garment.DRESS : switch (f[1]) {
                case "headwear" -> Garment.HAT;
                case "outerwear", "top" -> Garment.TOP;
                case "bottom" -> Garment.BOTTOM;
                case "footwear" -> Garment.FOOTWEAR;
                default -> throw new IllegalStateException("unknown slot " + f[1]);
            };
        }
    }

    /** One photo's mask, cut to its first {@code rows} rows (a frame that ends there). */
    final class Photo {
        final int width;
        final int height;
        private final byte[] labels;

        Photo(Mat mask, int rows) {
            width = mask.cols();
            height = Math.min(rows, mask.rows());
            labels = new byte[width * height];
            try (BytePointer data = new BytePointer(mask.data())) {
                data.get(labels);
            }
        }

        Garment at(int x, int y) {
            return garmentOfLabel[labels[y * width + x] & 0xff];
        }

        int pixels(Garment g) {
            return count(g, null, null);
        }

        /** Of the pixels of {@code g}, the fraction inside {@code a} or {@code b} (either may be null). */
        double covered(Garment g, Box a, Box b) {
            int all = pixels(g);
            return all == 0 ? 0 : (double) count(g, a, b) / all;
        }

        /** The box around every labelled (non-background) pixel: the person box of a CCP photo; null if none. */
        Box person() {
            int x0 = width, y0 = height, x1 = -1, y1 = -1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (labels[y * width + x] != 0) {
                        x0 = Math.min(x0, x);
                        x1 = Math.max(x1, x);
                        y0 = Math.min(y0, y);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            return x1 < 0 ? null : new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        }

        private int count(Garment g, Box a, Box b) {
            int n = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (at(x, y) == g && (a == null && b == null || inside(a, x, y) || inside(b, x, y))) {
                        n++;
                    }
                }
            }
            return n;
        }

        private static boolean inside(Box box, int x, int y) {
            return box != null && x + 0.5 >= box.x() && x + 0.5 <= box.right() && y + 0.5 >= box.y() && y + 0.5 <= box.bottom();
        }
    }
}
