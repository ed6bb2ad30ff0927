package org.vestis.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real clothing photos in src/test/resources/clothing-photos, and a DeepFashion-format copy built from them. */
public final class PhotoFixtures {
    static final String TFLITE = "src/test/resources/tflite/";
    public static final Path CLOTHING = Path.of("src/test/resources/clothing-photos");
    public static final List<String> CLASSES = List.of("dress", "pants", "shoes", "t-shirt");
    /** DeepFashion category names the copy uses for the four classes, and their 1-based numbers in its cloth list. */
    static final String[] DF_NAMES = {"Dress", "Jeans", "Sneakers", "Tee"};
    static final int[] DF_NUMBERS = {3, 1, 4, 2}; // listed as Jeans, Tee, Dress, Sneakers, plus an unused Blazer

    private PhotoFixtures() {
    }

    /** The committed ImageNet MobileNet v1 0.25/128 (TensorFlow Lite) imported as a bundle into {@code dir}/mobilenetv1-imagenet. */
    public static Path importV1(Path dir) {
        Path out = dir.resolve("mobilenetv1-imagenet");
        try {
            org.vestis.interop.tflite.TfliteImporter.importBundle(Path.of(TFLITE + "mobilenet_v1_0.25_128_quant.tflite"),
                    Path.of(TFLITE + "imagenet_labels.txt"), "mobilenetv1-imagenet", "imagenet", "test").save(out, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A DeepFashion Category-and-Attribute layout: img/&lt;item&gt;/*.jpg, Anno/ lists and Eval/list_eval_partition.txt.
     * The fixture's train photos are "train", its validation photos alternate "val" and "test"; each box is the
     * photo's central 80% (the real photos are 400x534, checked by the caller when it matters). Plus one damaged
     * JPEG in train, which loaders must skip and count.
     */
    public static Path deepFashionCopy(Path root) throws IOException {
        List<String> category = new ArrayList<>();
        List<String> bbox = new ArrayList<>();
        List<String> partition = new ArrayList<>();
        int n = 0;
        for (String split : List.of("train", "validation")) {
            for (int c = 0; c < CLASSES.size(); c++) {
                List<Path> files;
                try (Stream<Path> s = Files.list(CLOTHING.resolve(split).resolve(CLASSES.get(c)))) {
                    files = s.sorted().toList();
                }
                for (Path f : files) {
                    String name = "img/Item_" + DF_NAMES[c] + "/img_" + String.format("%08d", ++n) + ".jpg";
                    Files.createDirectories(root.resolve(name).getParent());
                    Files.copy(f, root.resolve(name));
                    category.add(name + "  " + DF_NUMBERS[c]);
                    bbox.add(name + "  40 53 360 481");
                    partition.add(name + "  " + (split.equals("train") ? "train" : n % 2 == 0 ? "val" : "test"));
                }
            }
        }
        String broken = "img/Item_Tee/img_99999999.jpg";
        Files.write(root.resolve(broken), new byte[]{(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        category.add(broken + "  2");
        bbox.add(broken + "  1 1 10 10");
        partition.add(broken + "  train");
        write(root.resolve("Anno/list_category_cloth.txt"), "category_name  category_type",
                List.of("Jeans  2", "Tee  1", "Dress  3", "Sneakers  2", "Blazer  1"));
        write(root.resolve("Anno/list_category_img.txt"), "image_name  category_label", category);
        write(root.resolve("Anno/list_bbox.txt"), "image_name  x_1  y_1  x_2  y_2", bbox);
        write(root.resolve("Eval/list_eval_partition.txt"), "image_name  evaluation_status", partition);
        return root;
    }

    private static void write(Path file, String header, List<String> records) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add(String.valueOf(records.size()));
        lines.add(header);
        lines.addAll(records);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
