package org.vestis.cli;

import org.vestis.UserException;
import org.vestis.config.PipelineConfig;
import org.vestis.data.ccp.CcpGarmentCrops;
import org.vestis.data.ccp.CcpSlots;
import org.vestis.data.ccp.CcpRegionCrops;
import org.vestis.video.detect.Detector;
import org.vestis.video.garment.BodyRegionFinder;
import org.vestis.video.garment.PoseLandmarker;
import org.vestis.video.pipeline.PipelineFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `vestis garments-dataset --ccp DIR --out DIR`: garment crops from CCP's street photos as an image-folder dataset. */
@Command(name = "garments-dataset", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cut one crop per garment (slot class of slots.csv) from the CCP photos by their label maps and write",
                "an image-folder dataset OUT/train|validation|test/CLASS/NNNN-SLOT.jpg, split by photo, with manifest.csv and README.md."})
final class GarmentsDatasetCommand implements Callable<Integer> {
    @Option(names = "--ccp", required = true, paramLabel = "DIR", description = "CCP folder: photos/, masks/, labels.txt, slots.csv.")
    Path ccp;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset folder to create (must not exist).")
    Path out;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split by photo (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--min-pixels", defaultValue = "1500", description = "Least pixels of a garment in a photo to cut it (default: ${DEFAULT-VALUE}).")
    int minPixels;
    @Option(names = "--min-train-crops", defaultValue = "30", description = "Classes with fewer training crops are dropped (default: ${DEFAULT-VALUE}).")
    int minTrainCrops;
    @Option(names = "--merge", paramLabel = "FROM=TO", description = "Merge a class into another of its slot before counting, e.g. --merge sandals=shoes (repeatable).")
    List<String> merge;
    @Option(names = "--crops", defaultValue = "garments", description = "garments (one crop per garment, its mask's box) or regions "
            + "(the person detector's head, torso, legs and feet regions, as the video pipeline cuts them, labelled from the masks; "
            + "heads without a hat become no-hat; default: ${DEFAULT-VALUE}).")
    String crops;
    @Option(names = "--background", defaultValue = "keep", description = "keep (the photo as it is around the garment) or grey (128 outside its mask; default: ${DEFAULT-VALUE}).")
    String background;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (minPixels < 0 || minTrainCrops < 0) {
            throw new UserException("--min-pixels and --min-train-crops must not be negative.");
        }
        CcpGarmentCrops.Background bg = switch (background.toLowerCase(Locale.ROOT)) {
            case "keep" -> CcpGarmentCrops.Background.KEEP;
            case "grey", "gray" -> CcpGarmentCrops.Background.GREY;
            default -> throw new UserException("--background " + background + " is not keep or grey.");
        };
        Map<String, String> merges = merges(merge);
        CcpGarmentCrops.Options o = CcpGarmentCrops.Options.defaults().withSeed(seed).withMinPixels(minPixels)
                .withMinTrainCrops(minTrainCrops).withMerges(merges).withBackground(bg);
        if (crops.equals("regions")) {
            return regions(o, start);
        } else if (!crops.equals("garments")) {
            throw new UserException("--crops " + crops + " is not garments or regions.");
        }
        CcpGarmentCrops.Result r = CcpGarmentCrops.build(ccp, out, o);
        System.out.printf(Locale.ROOT, "%-10s %-11s %6s %11s %6s%n", "slot", "class", "train", "validation", "test");
        long[] t = new long[3];
        for (CcpSlots.SlotClass c : r.classes()) {
            long a = r.count("train", c.name()), b = r.count("validation", c.name()), s = r.count("test", c.name());
            t[0] += a;
            t[1] += b;
            t[2] += s;
            System.out.printf(Locale.ROOT, "%-10s %-11s %6d %11d %6d%n", c.slot(), c.name(), a, b, s);
        }
        long small = r.crops().stream().filter(c -> c.status().equals("small")).count();
        List<String> dropped = r.crops().stream().filter(c -> c.status().equals("rare-class")).map(CcpGarmentCrops.Crop::garmentClass).distinct().toList();
        System.out.printf(Locale.ROOT, "Wrote %d crops (train %d, validation %d, test %d) from %d photos into %s in %.1f s; %d garments under %d px skipped%s.%n",
                t[0] + t[1] + t[2], t[0], t[1], t[2], r.splitOfPhoto().size(), out, (System.nanoTime() - start) / 1e9, small, minPixels,
                dropped.isEmpty() ? "" : ", classes dropped for fewer than " + minTrainCrops + " training crops: " + String.join(", ", dropped));
        return 0;
    }

    private int regions(CcpGarmentCrops.Options o, long start) {
        // The default pipeline's person detector and landmarks: the regions are cut as analyze and predict cut them.
        PipelineFactory pipeline = new PipelineFactory(new PipelineConfig().spec());
        CcpRegionCrops.Result r;
        try (Detector detector = pipeline.newPhotoDetector();
             PoseLandmarker landmarker = pipeline.newPoseLandmarker()) {
            r = CcpRegionCrops.build(ccp, out, o, detector, new BodyRegionFinder(landmarker));
        }
        System.out.printf(Locale.ROOT, "%-11s %6s %11s %6s%n", "class", "train", "validation", "test");
        for (String c : r.classes()) {
            System.out.printf(Locale.ROOT, "%-11s %6d %11d %6d%n", c, r.count("train", c), r.count("validation", c), r.count("test", c));
        }
        long written = r.crops().stream().filter(c -> c.status().equals("ok")).count();
        long noPerson = r.crops().stream().filter(c -> c.status().equals("no-person")).count();
        System.out.printf(Locale.ROOT, "Wrote %d region crops from %d photos into %s in %.1f s (%d photos without a detected person).%n",
                written, r.splitOfPhoto().size(), out, (System.nanoTime() - start) / 1e9, noPerson);
        return 0;
    }

    /** The --merge FROM=TO options as a map (garments-eval takes the same to rebuild a dataset's split). */
    static Map<String, String> merges(List<String> merge) {
        Map<String, String> merges = new LinkedHashMap<>();
        if (merge != null) {
            for (String m : merge) {
                String[] p = m.split("=", -1);
                if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                    throw new UserException("--merge " + m + " should read FROM=TO, e.g. --merge sandals=shoes.");
                }
                merges.put(p[0].trim(), p[1].trim());
            }
        }
        return merges;
    }
}
