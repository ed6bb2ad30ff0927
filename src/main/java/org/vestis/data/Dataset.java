package org.vestis.data;

/**
 * Grayscale images with integer labels, held as unsigned bytes (row-major, {@code height * width} per image).
 * Small and immutable; subsets share nothing with the original.
 */
public record Dataset(byte[] pixels, byte[] labels, int height, int width, int numClasses) {

    public Dataset {
        if (pixels.length != labels.length * height * width) {
            throw new IllegalArgumentException("pixels and labels disagree: " + pixels.length + " bytes for " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    public int pixelsPerImage() {
        return height * width;
    }

    /** A new dataset holding the images at the given indices, in that order. */
    public Dataset subset(int[] indices) {
        int n = pixelsPerImage();
        byte[] p = new byte[indices.length * n];
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * n, p, i * n, n);
            l[i] = labels[indices[i]];
        }
        return new Dataset(p, l, height, width, numClasses);
    }

    /** The first {@code limit} images (all of them when limit is 0 or larger than the set). */
    public Dataset limit(int limit) {
        if (limit <= 0 || limit >= size()) {
            return this;
        }
        int[] idx = new int[limit];
        for (int i = 0; i < limit; i++) {
            idx[i] = i;
        }
        return subset(idx);
    }
}
