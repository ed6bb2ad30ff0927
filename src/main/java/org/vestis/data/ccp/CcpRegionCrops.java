package org.vestis.data.ccp;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.detect.Detector;
import org.vestis.video.BodyPart;
import org.vestis.video.garment.BodyRegionFinder;
import org.vestis.video.garment.BodyRegions;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * Body-region crops of the CCP street photos, labelled from their label maps: the crops the video pipeline classifies
 * (person detector, then head, torso, legs and feet from the pose landmarks or the box), so the garment model trains
 * on what it will see. The photos are split exactly as {@link CcpGarmentCrops} splits them with the same options.
 * <p>Per photo: the most confident person box (none: the photo is skipped, {@code no-person} in the manifest); its
 * regions ({@link BodyRegionFinder}); per region the pixels of each slot class inside it (merges applied) decide the
 * label, as a share of the region's area:
 * <ul>
 *   <li>head: {@code hat} when hat pixels cover at least {@link #HAT_SHARE}, else {@value #NO_HAT} (people without a
 *       hat: the negatives that let the model say a hat is absent);</li>
 *   <li>torso: {@code outerwear} when its pixels cover at least {@link #OUTERWEAR_SHARE} and at least half as much as
 *       the largest top; otherwise the largest top (or a dress) covering at least {@link #GARMENT_SHARE};</li>
 *   <li>legs: the largest bottom class covering at least {@link #GARMENT_SHARE};</li>
 *   <li>feet: the largest footwear class covering at least {@link #FOOTWEAR_SHARE} (shoes are small in their box).</li>
 * </ul>
 * A region whose garment covers less is not cut ({@code small}). Classes with fewer training crops than
 * {@code minTrainCrops} are dropped ({@code rare-class}). Output goes to a temporary folder and is renamed when done.
 */
public final class CcpRegionCrops {
    public static final String NO_HAT = "no-hat";
    static final double HAT_SHARE = 0.10;
    static final double OUTERWEAR_SHARE = 0.15;
    static final double GARMENT_SHARE = 0.10;
    static final double FOOTWEAR_SHARE = 0.04;

    /** One region of one photo, written or not ({@code status}: ok, small, rare-class, no-person). */
    public record Crop(String photo, String part, String garmentClass, Rectangle box, String regions, String split, String status,
                       String file) {
    }

    public record Result(List<Crop> crops, List<String> classes, Map<String, String> splitOfPhoto) {
        public long count(String split, String garmentClass) {
            return crops.stream().filter(c -> c.status().equals("ok") && c.split().equals(split) && c.garmentClass().equals(garmentClass)).count();
        }
    }

    private CcpRegionCrops() {
    }

    public static Result build(Path ccp, Path out, CcpGarmentCrops.Options o, Detector detector, BodyRegionFinder regionFinder) {
        if (!Files.isDirectory(ccp.resolve("photos")) || !Files.isDirectory(ccp.resolve("masks"))) {
            throw new UserException(ccp + " is not a CCP folder: it needs photos/, masks/, labels.txt and slots.csv.");
        }
        if (Files.exists(out)) {
            throw new UserException("The output folder " + out + " already exists; remove it or choose another --out.");
        }
        CcpGarmentCrops.Survey measured = CcpGarmentCrops.survey(ccp, o);
        CcpSlots slots = measured.slots();

        List<Crop> found = new ArrayList<>();
        for (String id : measured.found().keySet()) {
            found.addAll(regionsOf(ccp, id, measured.splitOf().get(id), slots, o.merges(), detector, regionFinder));
        }
        Map<String, Integer> trainCount = new HashMap<>();
        found.stream().filter(c -> c.status().equals("ok") && c.split().equals(PhotoSplitter.TRAIN))
                .forEach(c -> trainCount.merge(c.garmentClass(), 1, Integer::sum));
        Set<String> kept = new TreeSet<>();
        trainCount.forEach((k, v) -> {
            if (v >= Math.max(1, o.minTrainCrops())) {
                kept.add(k);
            }
        });

        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".part-" + ProcessHandle.current().pid());
        List<Crop> all = new ArrayList<>();
        try {
            CcpGarmentCrops.deleteTree(tmp);
            Files.createDirectories(tmp);
            String photoOpen = null;
            BufferedImage photo = null;
            for (Crop c : found) {
                String status = c.status().equals("ok") && !kept.contains(c.garmentClass()) ? "rare-class" : c.status();
                String file = "";
                if (status.equals("ok")) {
                    if (!c.photo().equals(photoOpen)) {
                        photo = CcpGarmentCrops.readPhoto(ccp.resolve("photos").resolve(c.photo() + ".jpg"));
                        photoOpen = c.photo();
                    }
                    file = c.split() + "/" + c.garmentClass() + "/" + c.photo() + "-" + c.part() + ".jpg";
                    Path target = tmp.resolve(file);
                    Files.createDirectories(target.getParent());
                    CcpGarmentCrops.writeJpeg(CcpGarmentCrops.shrink(CcpGarmentCrops.cut(photo, c.box(), null, null), o.maxSide()), target);
                }
                all.add(new Crop(c.photo(), c.part(), c.garmentClass(), c.box(), c.regions(), c.split(), status, file));
            }
            Result result = new Result(List.copyOf(all), List.copyOf(kept), measured.splitOf());
            writeManifest(result, tmp.resolve("manifest.csv"));
            DatasetSlots.write(tmp, slots.classes().stream().filter(c -> kept.contains(c.name())).toList());
            Files.move(tmp, out);
            return result;
        } catch (IOException e) {
            throw new UserException("Could not write the dataset to " + out + ": " + e.getMessage() + ".", e);
        }
    }

    /** The labelled regions of one photo (status ok or small), or one no-person entry. */
    private static List<Crop> regionsOf(Path ccp, String id, String split, CcpSlots slots, Map<String, String> merges,
                                        Detector detector, BodyRegionFinder regionFinder) {
        Raster mask = CcpGarmentCrops.readMask(ccp.resolve("masks").resolve(id + ".png"));
        BodyRegions regions;
        try (Mat bgr = imread(ccp.resolve("photos").resolve(id + ".jpg").toString())) {
            if (bgr.empty()) {
                throw new UserException("The photo " + id + ".jpg in " + ccp + " could not be decoded.");
            }
            Detection person = detector.detect(bgr).stream().max(Comparator.comparingDouble(Detection::score)).orElse(null);
            if (person == null) {
                return List.of(new Crop(id, "", "", new Rectangle(), "none", split, "no-person", ""));
            }
            regions = regionFinder.find(bgr, person.box());
        }
        List<Crop> crops = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            Box b = regions.get(part).orElse(null);
            if (b == null) {
                continue;
            }
            Rectangle r = new Rectangle((int) b.x(), (int) b.y(), Math.max(1, (int) b.width()), Math.max(1, (int) b.height()))
                    .intersection(new Rectangle(0, 0, mask.getWidth(), mask.getHeight()));
            if (r.isEmpty()) {
                continue;
            }
            String label = label(part, pixelsPerClass(mask, r, slots, merges), (double) r.width * r.height);
            String name = part.name().toLowerCase(java.util.Locale.ROOT);
            crops.add(new Crop(id, name, label == null ? "" : label, r, regions.source().label(), split, label == null ? "small" : "ok", ""));
        }
        return crops;
    }

    /** The label of one region from the pixels of each class inside it; null when no garment covers enough of it. */
    static String label(BodyPart part, Map<CcpSlots.SlotClass, Integer> pixels, double area) {
        return switch (part) {
            case HEAD -> pixelsOf(pixels, "headwear") >= HAT_SHARE * area ? largest(pixels, "headwear") : NO_HAT;
            case TORSO -> {
                String top = largest(pixels, "top", "bottom:dress");
                int topPixels = top == null ? 0 : pixels.entrySet().stream().filter(e -> e.getKey().name().equals(top)).mapToInt(Map.Entry::getValue).sum();
                int outer = pixelsOf(pixels, "outerwear");
                if (outer >= OUTERWEAR_SHARE * area && outer >= 0.5 * topPixels) {
                    yield largest(pixels, "outerwear");
                }
                yield topPixels >= GARMENT_SHARE * area ? top : null;
            }
            case LEGS -> largestPixels(pixels, "bottom") >= GARMENT_SHARE * area ? largest(pixels, "bottom") : null;
            case FEET -> largestPixels(pixels, "footwear") >= FOOTWEAR_SHARE * area ? largest(pixels, "footwear") : null;
        };
    }

    private static int pixelsOf(Map<CcpSlots.SlotClass, Integer> pixels, String slot) {
        return pixels.entrySet().stream().filter(e -> e.getKey().slot().equals(slot)).mapToInt(Map.Entry::getValue).sum();
    }

    /** The pixels of the slot's largest class. */
    private static int largestPixels(Map<CcpSlots.SlotClass, Integer> pixels, String slot) {
        return pixels.entrySet().stream().filter(e -> e.getKey().slot().equals(slot)).mapToInt(Map.Entry::getValue).max().orElse(0);
    }

    /** The class with most pixels among the slots named ("top") or single classes ("bottom:dress"); null if none. */
    private static String largest(Map<CcpSlots.SlotClass, Integer> pixels, String... slotsOrClasses) {
        return pixels.entrySet().stream().filter(e -> {
                    for (String s : slotsOrClasses) {
                        if (s.equals(e.getKey().slot()) || s.equals(e.getKey().slot() + ":" + e.getKey().name())) {
                            return true;
                        }
                    }
                    return false;
                }).max(Map.Entry.<CcpSlots.SlotClass, Integer>comparingByValue().thenComparing(e -> e.getKey().name()))
                .map(e -> e.getKey().name()).orElse(null);
    }

    /** Pixels of each slot class (after merges) inside {@code r}. */
    static Map<CcpSlots.SlotClass, Integer> pixelsPerClass(Raster mask, Rectangle r, CcpSlots slots, Map<String, String> merges) {
        Map<String, CcpSlots.SlotClass> byName = new HashMap<>();
        slots.classes().forEach(c -> byName.put(c.name(), c));
        Map<CcpSlots.SlotClass, Integer> counts = new HashMap<>();
        int[] row = new int[r.width];
        for (int y = r.y; y < r.y + r.height; y++) {
            mask.getSamples(mask.getMinX() + r.x, mask.getMinY() + y, r.width, 1, 0, row);
            for (int v : row) {
                CcpSlots.SlotClass c = v >= 0 && v < 256 ? slots.classOf(v) : null;
                if (c != null) {
                    counts.merge(byName.get(merges.getOrDefault(c.name(), c.name())), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static void writeManifest(Result r, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("photo,part,class,x,y,width,height,regions,split,status,file\n");
            for (Crop c : r.crops()) {
                w.write(String.join(",", c.photo(), c.part(), c.garmentClass(), Integer.toString(c.box().x), Integer.toString(c.box().y),
                        Integer.toString(c.box().width), Integer.toString(c.box().height), c.regions(), c.split(), c.status(), c.file()) + "\n");
            }
        }
    }
}
