package org.vestis.photo;

import org.vestis.UserException;
import org.vestis.io.InputFiles;
import org.vestis.model.ModelInfo;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a real photo into what a model expects, as its bundle declares: for a Fashion-MNIST-style model
 * grayscale, dark background (light ones inverted, then the background level taken to black), cropped to the object, fitted into the input size with its
 * aspect ratio kept, values scaled to [0,1]; for a colour backbone the resized photo in RGB (or BGR for the
 * zoo's ImageNet networks) with the bundle's normalisation.
 */
public final class PhotoPreprocessor {
    /** A pixel belongs to the object when it differs this much (0-255) from the background estimate. */
    private static final int CONTENT_THRESHOLD = 40;
    /** Levels (0-255) around the background estimate that still count as background. */
    private static final int BACKGROUND_TOLERANCE = 20;

    private final ModelInfo.Input input;
    private final ModelInfo.Preprocessing prep;

    public PhotoPreprocessor(ModelInfo.Input input, ModelInfo.Preprocessing prep) {
        this.input = input;
        this.prep = prep;
    }

    public static BufferedImage read(Path file) {
        InputFiles.requireFile(file, "Image", "");
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new UserException("Cannot decode " + file + ": not a JPEG, PNG, BMP or GIF image.");
            }
            return img;
        } catch (IOException e) {
            throw new UserException("Cannot decode " + file + " (" + e.getMessage() + "): the file is damaged or not an image.", e);
        }
    }

    /** The model input as a gray image (for showing what the model sees). */
    public BufferedImage toModelImage(BufferedImage photo) {
        return toModelImage(gray(photo));
    }

    /** The same from gray levels (0-255, [row][column]); the array may be modified. */
    public BufferedImage toModelImage(int[][] gray) {
        if (prep.darkBackground()) {
            double background = borderMean(gray);
            if (background > 127) {
                invert(gray);
                background = 255 - background;
            }
            darkenBackground(gray, background);
        }
        if (prep.cropToContent()) {
            gray = cropToContent(gray);
        }
        return fit(gray, input.width(), input.height());
    }

    /**
     * Model input values for one photo: channel-major (CHW), rows within a channel, normalised as the bundle
     * declares. Gray bundles get one channel, colour bundles three (RGB).
     */
    public float[] toInput(BufferedImage photo) {
        return prep.grayscale() ? toInput(gray(photo)) : toColourInput(photo);
    }

    /** How many values {@link #toInput} returns. */
    public int inputSize() {
        return input.height() * input.width() * (prep.grayscale() ? 1 : 3);
    }

    private float[] toColourInput(BufferedImage photo) {
        BufferedImage img = resizeColour(photo);
        int plane = input.height() * input.width();
        // Caffe-style ImageNet weights expect the channels in BGR order: R goes to the last plane.
        boolean bgr = ModelInfo.Preprocessing.IMAGENET_CAFFE_BGR.equals(prep.normalisation());
        int rPlane = bgr ? 2 * plane : 0;
        int bPlane = bgr ? 0 : 2 * plane;
        float[] out = new float[3 * plane];
        for (int y = 0; y < input.height(); y++) {
            for (int x = 0; x < input.width(); x++) {
                int rgb = img.getRGB(x, y);
                int i = y * input.width() + x;
                out[rPlane + i] = normalise((rgb >> 16) & 0xff, 0);
                out[plane + i] = normalise((rgb >> 8) & 0xff, 1);
                out[bPlane + i] = normalise(rgb & 0xff, 2);
            }
        }
        return out;
    }

    /** One colour value; rgbChannel 0, 1, 2 = R, G, B (for the per-channel ImageNet mean). */
    private float normalise(int value, int rgbChannel) {
        return switch (prep.normalisation()) {
            case ModelInfo.Preprocessing.MINUS_ONE_TO_ONE -> value / 127.5f - 1f;
            case ModelInfo.Preprocessing.SCALE_0_1 -> value / 255f;
            case ModelInfo.Preprocessing.IMAGENET_CAFFE_BGR -> value - ModelInfo.Preprocessing.IMAGENET_MEAN_RGB[rgbChannel];
            default -> throw new UserException("The bundle's normalisation '" + prep.normalisation() + "' is unknown; expected "
                    + ModelInfo.Preprocessing.SCALE_0_1 + ", " + ModelInfo.Preprocessing.MINUS_ONE_TO_ONE + " or "
                    + ModelInfo.Preprocessing.IMAGENET_CAFFE_BGR + ".");
        };
    }

    /** The photo at the input size: stretched, or fitted with its aspect ratio kept on a black background. */
    private BufferedImage resizeColour(BufferedImage photo) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int width = input.width();
        int height = input.height();
        int sw = width;
        int sh = height;
        if (!"stretch".equals(prep.resizeMode())) {
            double scale = Math.min((double) width / w, (double) height / h);
            sw = Math.max(1, (int) Math.round(w * scale));
            sh = Math.max(1, (int) Math.round(h * scale));
        }
        // Area averaging when shrinking, like the antialiased resize of the TensorFlow Lite examples.
        Image scaled = photo.getScaledInstance(sw, sh, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = out.createGraphics();
        graphics.drawImage(scaled, (width - sw) / 2, (height - sh) / 2, null);
        graphics.dispose();
        return out;
    }

    /** The same from gray levels (0-255, [row][column]); the array may be modified. */
    public float[] toInput(int[][] gray) {
        BufferedImage img = toModelImage(gray);
        float[] out = new float[input.height() * input.width()];
        for (int y = 0; y < input.height(); y++) {
            for (int x = 0; x < input.width(); x++) {
                out[y * input.width() + x] = (img.getRaster().getSample(x, y, 0)) / 255f;
            }
        }
        return out;
    }

    private static int[][] gray(BufferedImage photo) {
        int h = photo.getHeight();
        int w = photo.getWidth();
        int[][] g = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = photo.getRGB(x, y);
                int alpha = (rgb >>> 24) & 0xff;
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int lum = (299 * r + 587 * gr + 114 * b) / 1000;
                // Transparent pixels count as white background (product cut-outs are often PNGs on alpha).
                g[y][x] = (lum * alpha + 255 * (255 - alpha)) / 255;
            }
        }
        return g;
    }

    /** Mean of the outer 5% band: the background estimate. */
    static double borderMean(int[][] g) {
        int h = g.length;
        int w = g[0].length;
        int band = Math.max(1, Math.min(h, w) / 20);
        long sum = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y < band || y >= h - band || x < band || x >= w - band) {
                    sum += g[y][x];
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    /**
     * Fashion-MNIST backgrounds are black, not merely darker than the object: a garment on a dark-grey or green
     * wall is read as a bag or a pullover unless its background goes to 0. Each pixel becomes its distance from
     * the background level, stretched back to 0-255 (a pixel darker than the background still stands out);
     * pixels within {@link #BACKGROUND_TOLERANCE} of it (gradients, noise, compression) count as background.
     */
    private static void darkenBackground(int[][] g, double background) {
        double range = Math.max(background, 255 - background) - BACKGROUND_TOLERANCE;
        for (int[] row : g) {
            for (int x = 0; x < row.length; x++) {
                double distance = Math.max(0, Math.abs(row[x] - background) - BACKGROUND_TOLERANCE);
                row[x] = (int) Math.round(Math.min(255, distance * 255 / range));
            }
        }
    }

    private static void invert(int[][] g) {
        for (int[] row : g) {
            for (int x = 0; x < row.length; x++) {
                row[x] = 255 - row[x];
            }
        }
    }

    private static int[][] cropToContent(int[][] g) {
        double background = borderMean(g);
        int h = g.length;
        int w = g[0].length;
        int top = h;
        int bottom = -1;
        int left = w;
        int right = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (Math.abs(g[y][x] - background) > CONTENT_THRESHOLD) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            return g;
        }
        int[][] c = new int[bottom - top + 1][right - left + 1];
        for (int y = top; y <= bottom; y++) {
            System.arraycopy(g[y], left, c[y - top], 0, right - left + 1);
        }
        return c;
    }

    private static BufferedImage fit(int[][] g, int width, int height) {
        int h = g.length;
        int w = g[0].length;
        BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                src.getRaster().setSample(x, y, 0, g[y][x]);
            }
        }
        double scale = Math.min((double) width / w, (double) height / h);
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        Image scaled = src.getScaledInstance(sw, sh, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = out.createGraphics();
        graphics.drawImage(scaled, (width - sw) / 2, (height - sh) / 2, null);
        graphics.dispose();
        return out;
    }
}
