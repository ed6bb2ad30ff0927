package org.vestis.data;

import org.vestis.UserException;
import org.vestis.io.Downloader;
import org.vestis.io.RemoteFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Fashion-MNIST files, in this order: an explicit directory (--data-dir), the environment setting
 * VESTIS_FASHION_MNIST, the user cache (~/.cache/vestis/fashion-mnist), Debian's dataset-fashion-mnist
 * package (/usr/share/datasets/fashion-mnist); otherwise downloads them into the cache with checksums.
 */
public final class FashionMnistLocator {
    public static final String ENV = "VESTIS_FASHION_MNIST";
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final String envValue;
    private final Path cacheDir;
    private final Path debianDir;
    private final String downloadUrl;

    public FashionMnistLocator(String envValue, Path cacheDir, Path debianDir, String downloadUrl) {
        this.envValue = envValue;
        this.cacheDir = cacheDir;
        this.debianDir = debianDir;
        this.downloadUrl = downloadUrl;
    }

    public static FashionMnistLocator standard() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "vestis", "fashion-mnist");
        String url = System.getProperty("vestis.fashionMnistUrl", FashionMnist.OFFICIAL_URL);
        return new FashionMnistLocator(System.getenv(ENV), cache, DEBIAN_DIR, url);
    }

    /** The directory holding all four files; {@code explicitDir} (may be null) must hold them if given. */
    public Path locate(Path explicitDir) {
        if (explicitDir != null) {
            requireComplete(explicitDir, "--data-dir");
            return explicitDir;
        }
        if (envValue != null && !envValue.isBlank()) {
            Path dir = Path.of(envValue);
            requireComplete(dir, ENV);
            return dir;
        }
        for (Path dir : List.of(cacheDir, debianDir)) {
            if (isComplete(dir)) {
                return dir;
            }
        }
        return download();
    }

    private Path download() {
        Downloader downloader = new Downloader();
        for (RemoteFile file : FashionMnist.FILES) {
            if (!Files.isRegularFile(cacheDir.resolve(file.name()))) {
                System.err.println("Downloading " + file.name() + " from " + downloadUrl + " into " + cacheDir);
                downloader.fetch(downloadUrl, file, cacheDir);
            }
        }
        return cacheDir;
    }

    static boolean isComplete(Path dir) {
        return missing(dir).isEmpty();
    }

    private static List<String> missing(Path dir) {
        List<String> missing = new ArrayList<>();
        for (RemoteFile file : FashionMnist.FILES) {
            if (!Files.isRegularFile(FashionMnist.file(dir, file.name()))) {
                missing.add(file.name());
            }
        }
        return missing;
    }

    private static void requireComplete(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            throw new UserException("The Fashion-MNIST directory " + dir + " (from " + source + ") does not exist.");
        }
        List<String> missing = missing(dir);
        if (!missing.isEmpty()) {
            throw new UserException("The Fashion-MNIST directory " + dir + " (from " + source + ") lacks " + String.join(", ", missing)
                    + "; it needs the four official files (.gz, or unpacked without .gz).");
        }
    }
}
