package org.vestis.data.ccp;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The README.md written into a garment-crop dataset: how it was made and what it holds. */
final class DatasetReadme {
    private DatasetReadme() {
    }

    static String text(Path ccp, CcpGarmentCrops.Options o, CcpGarmentCrops.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Garment crops from CCP (Clothing Co-Parsing)\n\n");
        sb.append("Made by `vestis garments-dataset` from `").append(ccp).append("` (photos, label maps, slots.csv; ")
                .append("Apache-2.0, W. Yang, P. Luo, L. Lin, CVPR 2014: see that folder's SOURCE.md).\n\n");
        sb.append("- Layout: `train|validation|test/CLASS/NNNN-SLOT.jpg`, one crop per photo and slot class; `manifest.csv` ")
                .append("lists every garment found (photo, slot, class, pixels, box x/y/width/height in photo pixels, split, status, file); ")
                .append("`classes.csv` maps each kept class to its slot; `garments.json` says the same for `vestis train`, which copies it ")
                .append("into the bundle so that the model is a garment model.\n");
        sb.append(String.format(Locale.ROOT, "- A class's pixels are all labels slots.csv maps to it, summed; its crop is the bounding box of those "
                + "pixels grown by %.0f%% of the box on each side, clipped to the photo, shrunk to at most %d px on the longer side.%n",
                o.margin() * 100, o.maxSide()));
        sb.append(String.format(Locale.ROOT, "- Garments under %d pixels in a photo are not cut (status `small`).%n", o.minPixels()));
        sb.append(String.format(Locale.ROOT, "- Split by photo (all garments of a photo in one split), seed %d, validation %.0f%%, test %.0f%% of the photos, "
                + "stratified by each photo's rarest class.%n", o.seed(), o.validationFraction() * 100, o.testFraction() * 100));
        sb.append("- Background: ").append(o.background() == CcpGarmentCrops.Background.KEEP
                ? "kept (the photo's rectangle as it is, like a region of a detected person at inference)"
                : "grey (128) outside the class's mask").append(".\n");
        if (!o.merges().isEmpty()) {
            sb.append("- Merged before counting: ");
            new TreeMap<>(o.merges()).forEach((a, b) -> sb.append(a).append(" -> ").append(b).append("; "));
            sb.setLength(sb.length() - 2);
            sb.append(".\n");
        }
        List<String> dropped = r.crops().stream().filter(c -> c.status().equals("rare-class")).map(CcpGarmentCrops.Crop::garmentClass).distinct().toList();
        sb.append(String.format(Locale.ROOT, "- Classes with fewer than %d training crops are dropped (status `rare-class`): %s.%n%n",
                o.minTrainCrops(), dropped.isEmpty() ? "none" : String.join(", ", dropped)));
        Map<String, Long> photos = new TreeMap<>();
        r.splitOfPhoto().values().forEach(s -> photos.merge(s, 1L, Long::sum));
        sb.append(String.format(Locale.ROOT, "Photos: train %d, validation %d, test %d.%n%n",
                photos.getOrDefault("train", 0L), photos.getOrDefault("validation", 0L), photos.getOrDefault("test", 0L)));
        sb.append("| slot | class | train | validation | test |\n| --- | --- | ---: | ---: | ---: |\n");
        long[] totals = new long[3];
        for (CcpSlots.SlotClass c : r.classes()) {
            long a = r.count("train", c.name()), b = r.count("validation", c.name()), t = r.count("test", c.name());
            totals[0] += a;
            totals[1] += b;
            totals[2] += t;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d |%n", c.slot(), c.name(), a, b, t));
        }
        sb.append(String.format(Locale.ROOT, "| all | | %d | %d | %d |%n", totals[0], totals[1], totals[2]));
        return sb.toString();
    }
}
