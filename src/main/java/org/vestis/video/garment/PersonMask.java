package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

/**
 * Which pixels of the pose model's square crop show the person: the landmark model's own segmentation output (a
 * second output of the same pass, so it costs nothing extra), thresholded at probability 0.5. Garment colours are read
 * from these pixels only, so the ground between the legs or around the shoes does not vote (README "Garment colours").
 *
 * @param inside {@code size * size} flags, row by row over the crop: whether the person covers that cell
 * @param size   cells per side
 * @param crop   the square of the frame the model saw (frame pixels; may reach outside the frame)
 */
public record PersonMask(boolean[] inside, int size, Box crop) {
    public PersonMask {
        if (inside.length != size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " mask has " + size * size + " cells, not " + inside.length);
        }
    }

    /** The mask from the model's logits (a sigmoid above 0.5 is a logit above 0). */
    static PersonMask ofLogits(float[] logits, int size, Box crop) {
        boolean[] inside = new boolean[size * size];
        for (int i = 0; i < inside.length; i++) {
            inside[i] = logits[i] > 0;
        }
        return new PersonMask(inside, size, crop);
    }

    /**
     * The mask over {@code region} (frame pixels, whole pixels from its corner as OpenCV cuts a region of interest):
     * an 8-bit image of the region's size, 255 where the person covers the pixel. Close it.
     */
    public Mat over(int x, int y, int width, int height) {
        double cell = crop.width() / size;
        int[] cols = new int[width];
        for (int c = 0; c < width; c++) {
            cols[c] = (int) Math.floor((x + c + 0.5 - crop.x()) / cell);
        }
        byte[] pixels = new byte[width * height];
        for (int r = 0; r < height; r++) {
            int row = (int) Math.floor((y + r + 0.5 - crop.y()) / cell);
            if (row < 0 || row >= size) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                if (cols[c] >= 0 && cols[c] < size && inside[row * size + cols[c]]) {
                    pixels[r * width + c] = (byte) 255;
                }
            }
        }
        Mat mask = new Mat(height, width, CV_8UC1);
        mask.data().put(pixels);
        return mask;
    }
}
