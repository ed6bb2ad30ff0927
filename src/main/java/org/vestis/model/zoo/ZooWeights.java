package org.vestis.model.zoo;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.vestis.UserException;
import org.vestis.io.Downloader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DL4J zoo's ImageNet weights, through the zoo's own {@code initPretrained} (its file name, cache layout
 * and Adler32 check on every load) with our cache directory and a mirror base URL. We download the file
 * ourselves first, to a temporary name then renamed: DL4J's own download has no timeouts and writes straight
 * to the final name, so a cut connection would leave half a file for the next run. Failures end in one
 * sentence saying what to do (offline: which file to put where).
 */
public final class ZooWeights {
    public static final String MIRROR_ENV = "VESTIS_ZOO_MIRROR";
    public static final String CACHE_ENV = "VESTIS_ZOO_CACHE";
    /** DL4J's own download host (DL4JResources' default base URL). */
    public static final String DEFAULT_MIRROR = "https://dl4jdata.blob.core.windows.net/";

    private final Path cacheDir;
    private final String mirror;

    /** @param mirror base URL under which the zoo's paths (models/NAME.zip) are served */
    public ZooWeights(Path cacheDir, String mirror) {
        if (!isHttpUrl(mirror)) {
            throw new UserException("The zoo mirror '" + mirror + "' (--zoo-mirror or " + MIRROR_ENV
                    + ") is not an http:// or https:// URL; write it like https://mirror.example.com/dl4j/.");
        }
        this.cacheDir = cacheDir.toAbsolutePath();
        this.mirror = mirror.endsWith("/") ? mirror : mirror + "/"; // DL4J appends "models/..." without a slash
    }

    /** Flag values win, then VESTIS_ZOO_MIRROR / VESTIS_ZOO_CACHE, then DL4J's host and ~/.cache/vestis/dl4j-zoo. */
    public static ZooWeights configured(String mirrorFlag, String cacheFlag) {
        String mirror = firstSet(mirrorFlag, System.getenv(MIRROR_ENV), DEFAULT_MIRROR);
        String cache = firstSet(cacheFlag, System.getenv(CACHE_ENV), Path.of(System.getProperty("user.home"), ".cache", "vestis", "dl4j-zoo").toString());
        return new ZooWeights(Path.of(cache), mirror);
    }

    private static boolean isHttpUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        throw new IllegalStateException("no default");
    }

    /** Where the file comes from and where it is cached, for messages and model.json. */
    public record Source(String url, Path file, long adler32) {
        @Override
        public String toString() {
            return url + " (Adler32 " + adler32 + ")";
        }
    }

    /** DL4JResources is global state: set, use and restore it under one lock. */
    private static final Object DL4J_RESOURCES = new Object();

    public Source source(ZooModel<?> model) {
        synchronized (DL4J_RESOURCES) {
            String oldUrl = DL4JResources.getBaseDownloadURL();
            File oldDir = DL4JResources.getBaseDirectory();
            try {
                use();
                return currentSource(model);
            } finally {
                restore(oldUrl, oldDir);
            }
        }
    }

    /** The ImageNet-pretrained graph, downloaded once into the cache, checked against the zoo's checksum on every load. */
    public ComputationGraph load(ZooModel<?> model) {
        synchronized (DL4J_RESOURCES) {
            String oldUrl = DL4JResources.getBaseDownloadURL();
            File oldDir = DL4JResources.getBaseDirectory();
            try {
                use();
                Source source = currentSource(model);
                if (!Files.isRegularFile(source.file())) {
                    download(model, source);
                }
                return initPretrained(model, source);
            } finally {
                restore(oldUrl, oldDir);
            }
        }
    }

    private void use() {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UserException("Cannot create the zoo weights cache " + cacheDir + " (" + e.getMessage() + "); choose another with --zoo-cache or " + CACHE_ENV + ".", e);
        }
        DL4JResources.setBaseDirectory(cacheDir.toFile());
        DL4JResources.setBaseDownloadURL(mirror);
    }

    private static void restore(String url, File dir) {
        DL4JResources.setBaseDownloadURL(url);
        if (dir.isDirectory()) {
            DL4JResources.setBaseDirectory(dir);
        }
    }

    /** The same URL, file name and cache path as ZooModel.initPretrained forms them. */
    private static Source currentSource(ZooModel<?> model) {
        String url = model.pretrainedUrl(PretrainedType.IMAGENET);
        if (url == null) {
            throw new UserException("The DL4J zoo has no ImageNet weights for " + model.modelName() + ".");
        }
        File dir = DL4JResources.getDirectory(ResourceType.ZOO_MODEL, model.modelName());
        return new Source(url, new File(dir, new File(url).getName()).toPath(), model.pretrainedChecksum(PretrainedType.IMAGENET));
    }

    private static void download(ZooModel<?> model, Source source) {
        try {
            new Downloader().fetch(source.url(), source.file(), null); // the Adler32 check follows in initPretrained
        } catch (IOException e) {
            throw new UserException("Could not download the ImageNet weights of " + model.modelName() + " from " + source.url() + " (" + e.getMessage()
                    + "); offline, put " + source.file().getFileName() + " (from that URL) in " + source.file().getParent()
                    + ", or point --zoo-mirror or " + MIRROR_ENV + " at a reachable copy.", e);
        }
    }

    private static ComputationGraph initPretrained(ZooModel<?> model, Source source) {
        try {
            return (ComputationGraph) model.initPretrained(PretrainedType.IMAGENET);
        } catch (IllegalStateException e) {
            // ZooModel's only IllegalStateException: "failed checksum", after deleting the file.
            throw new UserException("The ImageNet weights file " + source.file() + " failed the zoo's checksum (expected Adler32 " + source.adler32()
                    + ") and was removed; retry, and if it fails again check that the mirror " + source.url() + " serves the zoo's own file.", e);
        } catch (IOException | RuntimeException e) {
            throw new UserException("Cannot read the ImageNet weights file " + source.file() + " (" + e.getMessage() + "); delete it and retry.", e);
        }
    }
}
