package org.vestis.data.ccp;

import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a CCP photo's person wears, slot by slot, from its label map: the answer the whole pipeline is scored against.
 * <ul>
 *   <li>Per slot, the pixels of each evaluation class are summed (every CCP label slots.csv maps to it); the class
 *   with the most pixels is the slot's truth.</li>
 *   <li>A slot counts as worn only when its classes together cover at least {@code minShare} of the person's labelled
 *   pixels (every non-background label, skin and hair included): a collar under a coat or a strip of shoe at the
 *   photo's edge is not something the pipeline should be asked to name. The share, not a pixel count, so the rule
 *   does not depend on how large the person is in the photo.</li>
 *   <li>Footwear is judged as boots, sandals or {@value #OTHER_FOOTWEAR} (CCP's masks mostly say "shoes", and sneakers,
 *   heels and shoes are told apart too rarely to score); other slots keep their slots.csv classes.</li>
 * </ul>
 */
public final class SlotTruth {
    /** Default {@code minShare}: 1% of a person's labelled pixels (about 1,000 px for a CCP person of 105,000 px). */
    public static final double DEFAULT_MIN_SHARE = 0.01;
    public static final String OTHER_FOOTWEAR = "other";

    private SlotTruth() {
    }

    /** The class a garment (of the truth or of a model) is scored as: footwear other than boots and sandals is "other". */
    public static String evalClass(String slot, String garmentClass) {
        if (slot.equals("footwear") && !garmentClass.equals("boots") && !garmentClass.equals("sandals")) {
            return OTHER_FOOTWEAR;
        }
        return garmentClass;
    }

    /** A slot's evaluation classes, in slots.csv order ({@value #OTHER_FOOTWEAR} last). */
    public static List<String> evalClasses(CcpSlots slots, String slot) {
        List<String> out = new ArrayList<>();
        for (CcpSlots.SlotClass c : slots.classes()) {
            String e = evalClass(c.slot(), c.name());
            if (c.slot().equals(slot) && !out.contains(e)) {
                out.add(e);
            }
        }
        if (out.remove(OTHER_FOOTWEAR)) {
            out.add(OTHER_FOOTWEAR);
        }
        return out;
    }

    /**
     * The worn slots of one photo: slot to evaluation class; a slot not worn has no entry.
     *
     * @param regions        the photo's garments ({@link GarmentRegions#measure})
     * @param labelledPixels the person's labelled pixels ({@link #labelledPixels})
     */
    public static Map<String, String> of(List<GarmentRegions.Region> regions, long labelledPixels, double minShare) {
        Map<String, Map<String, Long>> pixels = new LinkedHashMap<>();
        for (GarmentRegions.Region r : regions) {
            String slot = r.garment().slot();
            pixels.computeIfAbsent(slot, k -> new LinkedHashMap<>()).merge(evalClass(slot, r.garment().name()), (long) r.pixels(), Long::sum);
        }
        Map<String, String> truth = new LinkedHashMap<>();
        for (String slot : CcpSlots.SLOTS) {
            Map<String, Long> byClass = pixels.get(slot);
            if (byClass == null) {
                continue;
            }
            long total = byClass.values().stream().mapToLong(Long::longValue).sum();
            if (total == 0 || total < minShare * labelledPixels) {
                continue;
            }
            String best = null;
            for (Map.Entry<String, Long> e : byClass.entrySet()) { // first in class order wins a tie
                if (best == null || e.getValue() > byClass.get(best)) {
                    best = e.getKey();
                }
            }
            truth.put(slot, best);
        }
        return truth;
    }

    /** The worn slots of the photo whose label map is {@code maskFile}. */
    public static Map<String, String> ofMask(Path maskFile, CcpSlots slots, double minShare) {
        return ofLabels(CcpGarmentCrops.readMask(maskFile), slots, minShare);
    }

    /** The worn slots of the photo whose label map (already read) is {@code labels}. */
    public static Map<String, String> ofLabels(Raster labels, CcpSlots slots, double minShare) {
        return of(GarmentRegions.measure(labels, slots), labelledPixels(labels), minShare);
    }

    /** Pixels with any label but the background (0). */
    static long labelledPixels(Raster mask) {
        int w = mask.getWidth();
        int[] row = new int[w];
        long n = 0;
        for (int y = 0; y < mask.getHeight(); y++) {
            mask.getSamples(mask.getMinX(), mask.getMinY() + y, w, 1, 0, row);
            for (int v : row) {
                if (v != 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
