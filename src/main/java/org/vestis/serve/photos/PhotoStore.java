package org.vestis.serve.photos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Photo files by content: DATA/photos/ab/abcdef... (the SHA-256 of the bytes), outside any web root. Names from
 * uploads never reach the file system. Written to a temporary name and renamed, so a crash leaves no half file.
 */
public final class PhotoStore {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    public PhotoStore(Path dataDir) {
        this.root = dataDir.resolve("photos");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the bytes (once: the same content is one file) and returns their hash. */
    public String put(byte[] bytes) throws IOException {
        String hash = sha256(bytes);
        Path file = path(hash);
        if (Files.exists(file)) {
            return hash;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), hash, ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return hash;
    }

    /** The file of a stored hash; refuses anything that is not a hash, so no request can name another file. */
    public Path path(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a photo hash: " + hash);
        }
        return root.resolve(hash.substring(0, 2)).resolve(hash);
    }

    public byte[] read(String hash) throws IOException {
        return Files.readAllBytes(path(hash));
    }
}
