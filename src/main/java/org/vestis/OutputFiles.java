package org.vestis;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Temporary names beside the final file and the rename that publishes it, so readers never see half a file. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** {@code name.ext} becomes {@code name.part.ext}; a file without extension gets {@code .part}. */
    public static Path partName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String part = dot > 0 ? name.substring(0, dot) + ".part" + name.substring(dot) : name + ".part";
        return file.resolveSibling(part);
    }

    public static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserException("The output folder " + parent + " could not be created; check the path and its permissions.", e);
        }
    }

    /** Replaces {@code target} with {@code source}, atomically where the file system allows. */
    public static void publish(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
