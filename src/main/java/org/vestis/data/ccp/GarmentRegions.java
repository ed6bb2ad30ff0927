package org.vestis.data.ccp;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;

/**
 * The garments of one label map: per slot class, the number of its pixels (all labels of the class summed) and the
 * bounding box of those pixels.
 */
public final class GarmentRegions {
    /** One class present in a mask. {@code box} is in mask pixels, x/y inclusive of its first pixel. */
    public record Region(CcpSlots.SlotClass garment, int pixels, Rectangle box) {
    }

    private GarmentRegions() {
    }

    /** Every slot class with at least one pixel in the mask (band 0 holds the label index), in class order. */
    public static List<Region> measure(Raster mask, CcpSlots slots) {
        int[] table = slots.lookupTable();
        int n = slots.classes().size();
        int[] count = new int[n];
        int[] minX = new int[n];
        int[] minY = new int[n];
        int[] maxX = new int[n];
        int[] maxY = new int[n];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(minY, Integer.MAX_VALUE);
        java.util.Arrays.fill(maxX, -1);
        java.util.Arrays.fill(maxY, -1);
        int w = mask.getWidth();
        int h = mask.getHeight();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            mask.getSamples(mask.getMinX(), mask.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int v = row[x];
                int c = v >= 0 && v < 256 ? table[v] : -1;
                if (c < 0) {
                    continue;
                }
                count[c]++;
                if (x < minX[c]) minX[c] = x;
                if (x > maxX[c]) maxX[c] = x;
                if (y < minY[c]) minY[c] = y;
                if (y > maxY[c]) maxY[c] = y;
            }
        }
        List<Region> regions = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (count[c] > 0) {
                regions.add(new Region(slots.classes().get(c), count[c],
                        new Rectangle(minX[c], minY[c], maxX[c] - minX[c] + 1, maxY[c] - minY[c] + 1)));
            }
        }
        return regions;
    }

    /**
     * The box grown by {@code margin} of its width and height on each side, clipped to the image
     * ({@code margin} 0.1: 10% more on the left, 10% on the right, and so on).
     */
    public static Rectangle withMargin(Rectangle box, double margin, int imageWidth, int imageHeight) {
        int dx = (int) Math.round(box.width * margin);
        int dy = (int) Math.round(box.height * margin);
        int x0 = Math.max(0, box.x - dx);
        int y0 = Math.max(0, box.y - dy);
        int x1 = Math.min(imageWidth, box.x + box.width + dx);
        int y1 = Math.min(imageHeight, box.y + box.height + dy);
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }
}
