package org.vestis.io;

import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

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

    /**
     * Creates {@code dir} if needed and proves it writable by writing and deleting a probe file, so a command fails in
     * one sentence before its work instead of after it: {@code option} names where the folder came from (e.g.
     * "--report-dir"). Root passes permission checks, so a read-only mount or a file in the path is what stops it.
     */
    public static void requireWritableFolder(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserException(option + " " + dir + " is a file; give a folder.");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".vestis-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.AccessDeniedException a ? a.getFile() + ": permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getFile() + ": " + f.getReason()
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserException(option + " " + dir + " cannot be written (" + why + "); choose a folder you can write to.", e);
        }
    }

    /**
     * Lets the group and others read {@code path} (and enter it, for a folder), as files created the ordinary way
     * are: Java's temporary files and folders are private (0600, 0700), and a temporary name that becomes the final
     * one would keep that, so another user could not read the bundle, the CSV or the downloaded model. Nothing on
     * file systems without POSIX permissions.
     */
    public static void readableByOthers(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
        permissions.add(PosixFilePermission.GROUP_READ);
        permissions.add(PosixFilePermission.OTHERS_READ);
        if (Files.isDirectory(path)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
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
