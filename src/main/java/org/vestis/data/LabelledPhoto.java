package org.vestis.data;

import java.nio.file.Path;

/** One photo on disk with its class index and, for DeepFashion, the garment's box to crop to (null = whole photo). */
public record LabelledPhoto(Path file, int label, CropBox box) {

    /** Pixel corners: (x1, y1) upper left, (x2, y2) lower right, as DeepFashion's list_bbox.txt gives them. */
    public record CropBox(int x1, int y1, int x2, int y2) {
    }
}
