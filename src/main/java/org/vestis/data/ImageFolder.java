package org.vestis.data;

import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** A folder of class subfolders ({@code DIR/<class>/*.jpg}); class names are the subfolder names, sorted. */
public final class ImageFolder {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageFolder() {
    }

    /** Classes from the subfolders themselves. */
    public static PhotoSet read(Path dir) {
        return read(dir, classFolders(dir));
    }

    /**
     * Photos of the given classes; every subfolder must be one of them (a folder of another name would be a
     * class the model does not know), while a class without a folder simply has no photos here.
     */
    public static PhotoSet read(Path dir, List<String> labels) {
        List<LabelledPhoto> photos = new ArrayList<>();
        for (String name : classFolders(dir)) {
            int label = labelOfFolder(labels, name);
            if (label < 0) {
                throw new UserException("Folder " + dir.resolve(name) + " is not one of the classes " + labels
                        + " (a '/' in a class name is written '-', e.g. T-shirt-top); rename or remove it.");
            }
            try (Stream<Path> files = Files.list(dir.resolve(name))) {
                files.filter(ImageFolder::isImage).sorted().forEach(f -> photos.add(new LabelledPhoto(f, label, null)));
            } catch (IOException e) {
                throw new UserException("Cannot list " + dir.resolve(name) + ": " + e.getMessage() + ".", e);
            }
        }
        if (photos.isEmpty()) {
            throw new UserException(dir + " holds no images in class subfolders (expected " + dir + "/<class>/*.jpg).");
        }
        return new PhotoSet(List.copyOf(labels), List.copyOf(photos));
    }

    /** The class a folder holds: its name, or for a label with '/' (no folder can have one) that label with '-'. */
    static int labelOfFolder(List<String> labels, String folder) {
        int exact = labels.indexOf(folder);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).replace('/', '-').equals(folder)) {
                return i;
            }
        }
        return -1;
    }

    static List<String> classFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("Image folder " + dir + " does not exist.");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
            if (names.isEmpty()) {
                throw new UserException(dir + " has no class subfolders (expected " + dir + "/<class>/*.jpg).");
            }
            return names;
        } catch (IOException e) {
            throw new UserException("Cannot list " + dir + ": " + e.getMessage() + ".", e);
        }
    }

    static boolean isImage(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(f) && dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1));
    }
}
