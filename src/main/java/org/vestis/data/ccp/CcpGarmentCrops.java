package org.vestis.data.ccp;

import org.vestis.UserException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Garment crops cut from the CCP street photos by their label maps, as an image-folder dataset
 * ({@code OUT/train|validation|test/CLASS/NNNN-slot.jpg}) for {@code vestis train --images OUT}.
 * <ul>
 *   <li>Per photo and slot class (the pixels of all CCP labels that slots.csv maps to that class, summed), one crop:
 *   the bounding box of those pixels grown by {@code margin} on each side, clipped to the photo.</li>
 *   <li>A class with fewer than {@code minPixels} pixels in a photo is not cut from it (slivers: a collar under a
 *   coat, a strip of shoe at the photo's edge) and is listed as {@code small} in the manifest.</li>
 *   <li>The split is by photo ({@link PhotoSplitter}), so the garments of one person never sit on both sides.</li>
 *   <li>{@code merges} renames classes before anything is counted (e.g. sandals to shoes); afterwards a class with
 *   fewer than {@code minTrainCrops} training crops (and always one without any) is dropped from every split
 *   ({@code rare-class} in the manifest).</li>
 *   <li>Background {@code keep}: the crop is the photo's rectangle as it is (other garments, skin and street
 *   included), as a classifier sees a region of a detected person at inference; {@code grey}: pixels outside the
 *   class's mask become mid-grey (128).</li>
 * </ul>
 * Output goes to a temporary folder beside {@code out} and is renamed when complete.
 */
public final class CcpGarmentCrops {

    public enum Background { KEEP, GREY }

    public record Options(long seed, int minPixels, double margin, int maxSide, double validationFraction,
                          double testFraction, Map<String, String> merges, int minTrainCrops, Background background) {
        public static Options defaults() {
            return new Options(42, 1500, 0.10, 320, 0.15, 0.15, Map.of(), 30, Background.KEEP);
        }

        public Options withSeed(long s) {
            return new Options(s, minPixels, margin, maxSide, validationFraction, testFraction, merges, minTrainCrops, background);
        }

        public Options withMerges(Map<String, String> m) {
            return new Options(seed, minPixels, margin, maxSide, validationFraction, testFraction, Map.copyOf(m), minTrainCrops, background);
        }

        public Options withMinTrainCrops(int n) {
            return new Options(seed, minPixels, margin, maxSide, validationFraction, testFraction, merges, n, background);
        }

        public Options withMinPixels(int n) {
            return new Options(seed, n, margin, maxSide, validationFraction, testFraction, merges, minTrainCrops, background);
        }

        public Options withBackground(Background b) {
            return new Options(seed, minPixels, margin, maxSide, validationFraction, testFraction, merges, minTrainCrops, b);
        }
    }

    /** One garment of one photo, whether written or not ({@code status}: ok, small, rare-class). */
    public record Crop(String photo, String slot, String garmentClass, int pixels, Rectangle box, String split,
                       String status, String file) {
    }

    /** What was built: every garment found, and the classes kept, slot by slot. */
    public record Result(List<Crop> crops, List<CcpSlots.SlotClass> classes, Map<String, String> splitOfPhoto) {
        public long count(String split, String garmentClass) {
            return crops.stream().filter(c -> c.status().equals("ok") && c.split().equals(split) && c.garmentClass().equals(garmentClass)).count();
        }
    }

    private CcpGarmentCrops() {
    }

    public static Result build(Path ccp, Path out, Options o) {
        checkFolder(ccp);
        if (Files.exists(out)) {
            throw new UserException("The output folder " + out + " already exists; remove it or choose another --out.");
        }
        Path photos = ccp.resolve("photos");
        Path masks = ccp.resolve("masks");
        Survey survey = survey(ccp, o);
        CcpSlots slots = survey.slots();
        Map<String, CcpSlots.SlotClass> byName = survey.byName();
        Map<String, List<Crop>> found = survey.found();
        Map<String, int[]> maskSize = survey.maskSize();
        Map<String, String> splitOf = survey.splitOf();
        List<CcpSlots.SlotClass> classList = slots.classes();

        Map<String, Integer> trainCount = new LinkedHashMap<>();
        found.forEach((id, crops) -> crops.stream().filter(c -> c.status().equals("ok") && splitOf.get(id).equals(PhotoSplitter.TRAIN))
                .forEach(c -> trainCount.merge(c.garmentClass(), 1, Integer::sum)));
        List<CcpSlots.SlotClass> kept = classList.stream()
                .filter(c -> !o.merges().containsKey(c.name()))
                .filter(c -> trainCount.getOrDefault(c.name(), 0) >= Math.max(1, o.minTrainCrops())).toList();
        Set<String> keptNames = new HashSet<>();
        kept.forEach(c -> keptNames.add(c.name()));
        if (kept.isEmpty()) {
            throw new UserException("No class of " + ccp + " has " + Math.max(1, o.minTrainCrops()) + " training crop"
                    + (o.minTrainCrops() > 1 ? "s; lower --min-train-crops." : "; check the photos, masks and slots.csv."));
        }

        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".part-" + ProcessHandle.current().pid());
        List<Crop> all = new ArrayList<>();
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (String id : found.keySet()) {
                String split = splitOf.get(id);
                BufferedImage photo = null;
                Raster mask = null;
                for (Crop c : found.get(id)) {
                    String status = c.status().equals("ok") && !keptNames.contains(c.garmentClass()) ? "rare-class" : c.status();
                    String file = "";
                    if (status.equals("ok")) {
                        if (photo == null) {
                            photo = readPhoto(photos.resolve(id + ".jpg"));
                            if (o.background() == Background.GREY) {
                                mask = readMask(masks.resolve(id + ".png"));
                            }
                            int[] ms = maskSize.get(id);
                            if (photo.getWidth() != ms[0] || photo.getHeight() != ms[1]) {
                                throw new UserException("Photo " + id + ".jpg is " + photo.getWidth() + "x" + photo.getHeight()
                                        + " but its mask is " + ms[0] + "x" + ms[1] + "; photo and mask must match.");
                            }
                        }
                        file = split + "/" + c.garmentClass() + "/" + id + "-" + c.slot() + ".jpg";
                        BufferedImage crop = cut(photo, c.box(), o.background() == Background.GREY ? mask : null,
                                o.background() == Background.GREY ? classIndices(slots, o.merges(), byName, c.garmentClass()) : null);
                        Path target = tmp.resolve(file);
                        Files.createDirectories(target.getParent());
                        writeJpeg(shrink(crop, o.maxSide()), target);
                    }
                    all.add(new Crop(id, c.slot(), c.garmentClass(), c.pixels(), c.box(), split, status, file));
                }
            }
            Result result = new Result(List.copyOf(all), kept, splitOf);
            writeManifest(result, tmp.resolve("manifest.csv"));
            writeClasses(kept, tmp.resolve("classes.csv"));
            DatasetSlots.write(tmp, kept);
            Files.writeString(tmp.resolve("README.md"), DatasetReadme.text(ccp, o, result));
            Files.move(tmp, out);
            return result;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UserException("Could not write the dataset to " + out + ": " + e.getMessage() + ".", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Photo id to split (train, validation, test) for every photo: the split {@link #build} makes with the same options
     * (seed, fractions, merges, minimum pixels), without cutting anything; so a model trained on a dataset can be
     * scored on exactly its validation or test photos.
     */
    public static Map<String, String> photoSplit(Path ccp, Options o) {
        checkFolder(ccp);
        return survey(ccp, o).splitOf();
    }

    private static void checkFolder(Path ccp) {
        if (!Files.isDirectory(ccp)) {
            throw new UserException("CCP folder " + ccp + " does not exist.");
        }
        if (!Files.isDirectory(ccp.resolve("photos")) || !Files.isDirectory(ccp.resolve("masks"))) {
            throw new UserException(ccp + " is not a CCP folder: it needs photos/, masks/, labels.txt and slots.csv.");
        }
    }

    /** Pass 1 of {@link #build}: every mask measured (classes merged), and the split by photo that follows from it. */
    record Survey(CcpSlots slots, Map<String, CcpSlots.SlotClass> byName, Map<String, List<Crop>> found,
                          Map<String, int[]> maskSize, Map<String, String> splitOf) {
    }

    static Survey survey(Path ccp, Options o) {
        Path photos = ccp.resolve("photos");
        Path masks = ccp.resolve("masks");
        CcpSlots slots = CcpSlots.read(ccp.resolve("labels.txt"), ccp.resolve("slots.csv"));
        Map<String, CcpSlots.SlotClass> byName = new LinkedHashMap<>();
        slots.classes().forEach(c -> byName.put(c.name(), c));
        for (Map.Entry<String, String> m : o.merges().entrySet()) {
            CcpSlots.SlotClass from = byName.get(m.getKey());
            CcpSlots.SlotClass to = byName.get(m.getValue());
            if (from == null || to == null) {
                throw new UserException("--merge " + m.getKey() + "=" + m.getValue() + " names a class slots.csv does not have (classes: "
                        + String.join(", ", byName.keySet()) + ").");
            }
            if (!from.slot().equals(to.slot())) {
                throw new UserException("--merge " + m.getKey() + "=" + m.getValue() + " crosses slots (" + from.slot() + ", " + to.slot() + "); merge within a slot.");
            }
        }

        List<String> ids = photoIds(photos);
        if (ids.isEmpty()) {
            throw new UserException(photos + " holds no .jpg photos.");
        }
        // Pass 1: measure every mask.
        Map<String, List<Crop>> found = new TreeMap<>();
        Map<String, Set<Integer>> classesByPhoto = new TreeMap<>();
        Map<String, int[]> maskSize = new TreeMap<>();
        List<CcpSlots.SlotClass> classList = slots.classes();
        for (String id : ids) {
            Path maskFile = masks.resolve(id + ".png");
            Raster mask = readMask(maskFile);
            maskSize.put(id, new int[]{mask.getWidth(), mask.getHeight()});
            List<Crop> crops = new ArrayList<>();
            Set<Integer> present = new HashSet<>();
            for (GarmentRegions.Region r : merged(GarmentRegions.measure(mask, slots), o.merges(), byName)) {
                boolean big = r.pixels() >= o.minPixels();
                Rectangle box = GarmentRegions.withMargin(r.box(), o.margin(), mask.getWidth(), mask.getHeight());
                crops.add(new Crop(id, r.garment().slot(), r.garment().name(), r.pixels(), box, null, big ? "ok" : "small", ""));
                if (big) {
                    present.add(classList.indexOf(r.garment()));
                }
            }
            found.put(id, crops);
            classesByPhoto.put(id, present);
        }
        return new Survey(slots, byName, found, maskSize, PhotoSplitter.split(classesByPhoto, o.validationFraction(), o.testFraction(), o.seed()));
    }

    /** Regions after merging: a merged class's pixels are summed and its boxes united. */
    static List<GarmentRegions.Region> merged(List<GarmentRegions.Region> regions, Map<String, String> merges,
                                              Map<String, CcpSlots.SlotClass> byName) {
        if (merges.isEmpty()) {
            return regions;
        }
        Map<CcpSlots.SlotClass, GarmentRegions.Region> out = new LinkedHashMap<>();
        for (GarmentRegions.Region r : regions) {
            CcpSlots.SlotClass target = byName.get(merges.getOrDefault(r.garment().name(), r.garment().name()));
            GarmentRegions.Region before = out.get(target);
            out.put(target, before == null ? new GarmentRegions.Region(target, r.pixels(), r.box())
                    : new GarmentRegions.Region(target, before.pixels() + r.pixels(), before.box().union(r.box())));
        }
        List<GarmentRegions.Region> list = new ArrayList<>(out.values());
        List<CcpSlots.SlotClass> order = new ArrayList<>(byName.values());
        list.sort(Comparator.comparingInt(r -> order.indexOf(r.garment())));
        return list;
    }

    /** The mask pixel values (label indices) whose class, after merging, is {@code garmentClass}. */
    private static boolean[] classIndices(CcpSlots slots, Map<String, String> merges, Map<String, CcpSlots.SlotClass> byName, String garmentClass) {
        boolean[] in = new boolean[256];
        for (int v = 0; v < Math.min(256, slots.labels().size()); v++) {
            CcpSlots.SlotClass c = slots.classOf(v);
            if (c != null && merges.getOrDefault(c.name(), c.name()).equals(garmentClass)) {
                in[v] = true;
            }
        }
        return in;
    }

    static BufferedImage cut(BufferedImage photo, Rectangle box, Raster mask, boolean[] inClass) {
        BufferedImage crop = new BufferedImage(box.width, box.height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = photo.getRGB(box.x, box.y, box.width, box.height, null, 0, box.width);
        if (mask != null) {
            int[] row = new int[box.width];
            for (int y = 0; y < box.height; y++) {
                mask.getSamples(mask.getMinX() + box.x, mask.getMinY() + box.y + y, box.width, 1, 0, row);
                for (int x = 0; x < box.width; x++) {
                    int v = row[x];
                    if (v < 0 || v > 255 || !inClass[v]) {
                        rgb[y * box.width + x] = 0x808080;
                    }
                }
            }
        }
        crop.setRGB(0, 0, box.width, box.height, rgb, 0, box.width);
        return crop;
    }

    /** At most {@code maxSide} pixels on the longer side (0: as cut), halving bilinearly, then one last bilinear step. */
    static BufferedImage shrink(BufferedImage img, int maxSide) {
        int longest = Math.max(img.getWidth(), img.getHeight());
        if (maxSide <= 0 || longest <= maxSide) {
            return img;
        }
        double scale = (double) maxSide / longest;
        int tw = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int th = Math.max(1, (int) Math.round(img.getHeight() * scale));
        BufferedImage cur = img;
        while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
            cur = scaled(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        }
        return cur.getWidth() == tw && cur.getHeight() == th ? cur : scaled(cur, tw, th);
    }

    private static BufferedImage scaled(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static List<String> photoIds(Path photos) {
        try (Stream<Path> files = Files.list(photos)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".jpg"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UserException("Cannot list " + photos + ": " + e.getMessage() + ".", e);
        }
    }

    /** A photo's label map: one 8-bit label index per pixel (one sentence naming the file when it is missing or not one). */
    public static Raster readMask(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("The mask " + file + " is missing; every photo needs masks/NNNN.png beside it.");
        }
        BufferedImage img = read(file);
        if (img.getRaster().getNumBands() != 1 || img.getColorModel().getComponentSize(0) != 8) {
            throw new UserException("The mask " + file + " is not an 8-bit single-channel PNG of label indices.");
        }
        return img.getRaster();
    }

    static BufferedImage readPhoto(Path file) {
        return read(file);
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new UserException(file + " is not an image this reader can decode.");
            }
            return img;
        } catch (IOException e) {
            throw new UserException(file + " could not be read: " + e.getMessage() + ".", e);
        }
    }

    static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static void writeManifest(Result r, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("photo,slot,class,pixels,x,y,width,height,split,status,file\n");
            for (Crop c : r.crops()) {
                w.write(String.join(",", c.photo(), c.slot(), c.garmentClass(), Integer.toString(c.pixels()),
                        Integer.toString(c.box().x), Integer.toString(c.box().y), Integer.toString(c.box().width),
                        Integer.toString(c.box().height), c.split(), c.status(), c.file()) + "\n");
            }
        }
    }

    private static void writeClasses(List<CcpSlots.SlotClass> kept, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("class,slot\n");
        kept.forEach(c -> sb.append(c.name()).append(',').append(c.slot()).append('\n'));
        Files.writeString(file, sb.toString());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover hidden .part folder never looks like a finished dataset
        }
    }
}
