package org.vestis.data;

import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeepFashion "Category and Attribute Prediction" layout: Anno/list_category_cloth.txt,
 * Anno/list_category_img.txt, Anno/list_bbox.txt and Eval/list_eval_partition.txt beside img/ (newer releases
 * put the lists in Anno_coarse/; a flat layout with all four files in the root is accepted too). Each list:
 * a count line, a header line, then whitespace-separated records. Photos are cropped to their box. Only the
 * categories that occur in list_category_img.txt become classes (in list_category_cloth.txt order), so a
 * subset of the benchmark gives a model with just its own classes.
 */
public final class DeepFashion {
    public static final String CATEGORY_IMG = "list_category_img.txt";

    private DeepFashion() {
    }

    /** True when {@code root} looks like a DeepFashion category dataset. */
    public static boolean isDeepFashion(Path root) {
        return find(root, CATEGORY_IMG) != null;
    }

    /** The photos of each partition ("train", "val", "test"), sharing one label list. */
    public static Map<String, PhotoSet> read(Path root) {
        List<String[]> categories = records(root, "list_category_cloth.txt", 2);
        List<String[]> images = records(root, CATEGORY_IMG, 2);
        Map<String, LabelledPhoto.CropBox> boxes = new HashMap<>();
        for (String[] r : records(root, "list_bbox.txt", 5)) {
            try {
                boxes.put(r[0], new LabelledPhoto.CropBox(Integer.parseInt(r[1]), Integer.parseInt(r[2]),
                        Integer.parseInt(r[3]), Integer.parseInt(r[4])));
            } catch (NumberFormatException e) {
                throw new UserException("list_bbox.txt in " + root + " has a non-integer box for " + r[0] + ".");
            }
        }
        Map<String, String> partition = new HashMap<>();
        for (String[] r : records(root, "list_eval_partition.txt", 2)) {
            partition.put(r[0], r[1]);
        }
        boolean[] used = new boolean[categories.size()];
        int[] category = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            try {
                category[i] = Integer.parseInt(images.get(i)[1]) - 1; // the files count categories from 1
            } catch (NumberFormatException e) {
                category[i] = -1;
            }
            if (category[i] < 0 || category[i] >= categories.size()) {
                throw new UserException(CATEGORY_IMG + " in " + root + " gives " + images.get(i)[0] + " the category "
                        + images.get(i)[1] + ", but list_category_cloth.txt has " + categories.size() + " categories.");
            }
            used[category[i]] = true;
        }
        List<String> labels = new ArrayList<>();
        int[] classOf = new int[categories.size()];
        for (int c = 0; c < categories.size(); c++) {
            classOf[c] = used[c] ? labels.size() : -1;
            if (used[c]) {
                labels.add(categories.get(c)[0]);
            }
        }
        Map<String, List<LabelledPhoto>> parts = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            String name = images.get(i)[0];
            String part = partition.get(name);
            if (part == null) {
                throw new UserException(name + " is in " + CATEGORY_IMG + " but not in list_eval_partition.txt (" + root + ").");
            }
            parts.computeIfAbsent(part, k -> new ArrayList<>())
                    .add(new LabelledPhoto(root.resolve(name), classOf[category[i]], boxes.get(name)));
        }
        Map<String, PhotoSet> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, new PhotoSet(List.copyOf(labels), List.copyOf(v))));
        return out;
    }

    private static Path find(Path root, String name) {
        for (String dir : List.of("Anno", "Anno_coarse", "Eval", ".")) {
            Path p = root.resolve(dir).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The records after the count and header lines, each with at least {@code fields} fields. */
    static List<String[]> records(Path root, String name, int fields) {
        Path file = find(root, name);
        if (file == null) {
            throw new UserException(root + " has no " + name + " (looked in Anno/, Anno_coarse/, Eval/ and the folder itself).");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + ": " + e.getMessage() + ".", e);
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] r = line.split("\\s+");
            if (r.length < fields) {
                throw new UserException(file + " line " + (i + 1) + " has " + r.length + " fields; expected " + fields + ".");
            }
            out.add(r);
        }
        return out;
    }
}
