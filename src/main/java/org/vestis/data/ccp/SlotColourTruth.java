package org.vestis.data.ccp;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.garment.ColourNames;

import java.awt.image.Raster;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

/**
 * The colour of each worn garment of a CCP photo as its own labelled pixels name it ({@link ColourNames} over the
 * pixels of the slot's true class; for footwear, every footwear pixel), so the colours the pipeline reads from body
 * regions can be scored against the same method run on the right pixels. Measures the regions and the pixels they
 * let vote, not the colour naming itself (README "Garment colours" has that on hand-labelled garments).
 */
public final class SlotColourTruth {
    private SlotColourTruth() {
    }

    /**
     * Slot to colour word ("unknown" included) for every slot of {@code truth} (slot to evaluation class, as
     * {@link SlotTruth#of} gives it), from the photo's label map {@code labels} ({@link CcpGarmentCrops#readMask}).
     */
    public static Map<String, String> of(Mat bgrPhoto, Raster labels, CcpSlots slots, Map<String, String> truth) {
        if (labels.getWidth() != bgrPhoto.cols() || labels.getHeight() != bgrPhoto.rows()) {
            throw new IllegalArgumentException("the label map is " + labels.getWidth() + "x" + labels.getHeight()
                    + ", its photo " + bgrPhoto.cols() + "x" + bgrPhoto.rows());
        }
        Map<String, String> colours = new LinkedHashMap<>();
        truth.forEach((slot, evalClass) -> {
            try (Mat mask = pixelsOf(labels, slots, slot, evalClass)) {
                colours.put(slot, ColourNames.of(bgrPhoto, mask).label());
            }
        });
        return colours;
    }

    /** 255 where the label map's pixel belongs to the slot and scores as {@code evalClass}. */
    private static Mat pixelsOf(Raster labels, CcpSlots slots, String slot, String evalClass) {
        int w = labels.getWidth(), h = labels.getHeight();
        boolean[] wanted = new boolean[256];
        for (int v = 0; v < wanted.length; v++) {
            CcpSlots.SlotClass c = slots.classOf(v);
            wanted[v] = c != null && c.slot().equals(slot) && SlotTruth.evalClass(slot, c.name()).equals(evalClass);
        }
        Mat mask = new Mat(h, w, CV_8UC1);
        int[] row = new int[w];
        try (UByteIndexer out = mask.createIndexer()) {
            for (int y = 0; y < h; y++) {
                labels.getSamples(labels.getMinX(), labels.getMinY() + y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out.put(y, x, row[x] >= 0 && row[x] < wanted.length && wanted[row[x]] ? 255 : 0);
                }
            }
        }
        return mask;
    }
}
