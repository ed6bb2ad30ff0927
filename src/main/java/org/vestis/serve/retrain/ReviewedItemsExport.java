package org.vestis.serve.retrain;

import org.jdbi.v3.core.Jdbi;
import org.vestis.serve.photos.PhotoStore;
import org.vestis.serve.photos.PhotoTagger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reviewed product items as a training set: image folders by verified label ({@code train/<class>/},
 * {@code validation/<class>/}, {@code test/<class>/}), split by photo. Per class, about 20% is held out (never
 * trained on; both bundles are compared on it), about 10% is the validation split that picks the best epoch, and
 * the rest trains. A class with fewer than the minimum of reviewed items is left out: the new bundle knows only the
 * classes trained here, and the page says so before anyone switches to it.
 */
public final class ReviewedItemsExport {
    static final double HELD_OUT = 0.2;
    static final double VALIDATION = 0.1;
    /** Fixed, so that a photo keeps its place in its class's order (and mostly its split) from one retrain to the next. */
    static final String SEED = "vestis-retrain-1";

    private ReviewedItemsExport() {
    }

    /** One reviewed product photo and the label a manager verified. */
    public record Item(long photoId, String sha256, String mediaType, String label) {
    }

    /** One trained class's photos in each split. */
    public record ClassPart(String label, List<Item> train, List<Item> validation, List<Item> heldOut) {
        public int size() {
            return train.size() + validation.size() + heldOut.size();
        }
    }

    /** The trained classes (sorted, as the training reads them) and the classes left out with their item counts. */
    public record Plan(List<ClassPart> classes, Map<String, Integer> leftOut) {
        public int items() {
            return classes.stream().mapToInt(ClassPart::size).sum();
        }

        public int train() {
            return classes.stream().mapToInt(c -> c.train().size()).sum();
        }

        public int validation() {
            return classes.stream().mapToInt(c -> c.validation().size()).sum();
        }

        public List<Item> heldOut() {
            return classes.stream().flatMap(c -> c.heldOut().stream()).toList();
        }

        public List<String> labels() {
            return classes.stream().map(ClassPart::label).toList();
        }

        /** "pants 6, shoes 5": items per trained class. */
        public String perClass() {
            return String.join(", ", classes.stream().map(c -> c.label() + " " + c.size()).toList());
        }
    }

    /** Every reviewed product item (slot "item", verified label set) of a tagged photo, by photo id. */
    public static List<Item> reviewedItems(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT p.id, p.sha256, p.media_type, t.verified_label FROM tags t "
                        + "JOIN photos p ON p.id = t.photo_id WHERE t.slot = :slot AND t.verified_label IS NOT NULL "
                        + "AND p.status = 'tagged' ORDER BY p.id")
                .bind("slot", PhotoTagger.ITEM)
                .map((rs, ctx) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
    }

    /** Reviewed items per verified label, sorted by label. */
    public static Map<String, Integer> countPerClass(List<Item> items) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(i -> counts.merge(i.label(), 1, Integer::sum));
        return counts;
    }

    /** Splits the items: classes with at least {@code minPerClass} items (and a name fit for a folder) are trained. */
    public static Plan plan(List<Item> items, int minPerClass) {
        Map<String, List<Item>> byClass = new TreeMap<>();
        for (Item i : items) {
            byClass.computeIfAbsent(i.label(), k -> new ArrayList<>()).add(i);
        }
        List<ClassPart> classes = new ArrayList<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        for (Map.Entry<String, List<Item>> e : byClass.entrySet()) {
            List<Item> members = new ArrayList<>(e.getValue());
            if (members.size() < minPerClass || !safeFolder(e.getKey())) {
                leftOut.put(e.getKey(), members.size());
                continue;
            }
            members.sort(Comparator.comparing((Item i) -> PhotoStore.sha256((SEED + ":" + i.sha256()).getBytes(StandardCharsets.UTF_8)))
                    .thenComparingLong(Item::photoId));
            int n = members.size();
            int held = Math.max(1, (int) Math.round(n * HELD_OUT));
            int val = Math.max(1, (int) Math.round(n * VALIDATION));
            classes.add(new ClassPart(e.getKey(), List.copyOf(members.subList(held + val, n)),
                    List.copyOf(members.subList(held, held + val)), List.copyOf(members.subList(0, held))));
        }
        return new Plan(List.copyOf(classes), leftOut);
    }

    /** A label the training can read back from its folder's name unchanged. */
    static boolean safeFolder(String label) {
        return !label.isBlank() && !label.startsWith(".") && label.chars().noneMatch(c -> c == '/' || c == '\\' || c < 32);
    }

    /**
     * Writes the plan as image folders under {@code dir} (hard links to the stored photos where the file system allows,
     * else copies) and split.csv (photo id, label, split) for the record.
     */
    public static void write(Plan plan, PhotoStore store, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("photo_id,label,split\n");
        for (ClassPart c : plan.classes()) {
            put(c.train(), "train", store, dir, csv);
            put(c.validation(), "validation", store, dir, csv);
            put(c.heldOut(), "test", store, dir, csv);
        }
        Files.writeString(dir.resolve("split.csv"), csv.toString());
    }

    private static void put(List<Item> items, String split, PhotoStore store, Path dir, StringBuilder csv) throws IOException {
        for (Item i : items) {
            Path folder = Files.createDirectories(dir.resolve(split).resolve(i.label()));
            Path file = folder.resolve(i.photoId() + "." + extension(i.mediaType()));
            Path source = store.path(i.sha256());
            if (!Files.exists(file)) {
                try {
                    Files.createLink(file, source);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(source, file);
                }
            }
            csv.append(i.photoId()).append(',').append(csvCell(i.label())).append(',').append(split).append('\n');
        }
    }

    /** The training reads photos by extension; the store keeps them by hash alone. */
    static String extension(String mediaType) {
        return switch (mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT)) {
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/bmp", "image/x-ms-bmp" -> "bmp";
            default -> "jpg";
        };
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
