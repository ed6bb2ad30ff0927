package org.vestis.video.detect;

import org.vestis.io.OutputFiles;
import org.vestis.io.ProjectRoot;
import org.vestis.UserException;
import org.vestis.io.Downloader;
import org.vestis.io.RemoteFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the model files of the detectors and the pose landmarker, in this order: an explicit path (from the config);
 * a models directory laid out like the shared pretrained/ folder (the config's detector-models, else VESTIS_MODELS);
 * the small files the project ships in {@value #SHIPPED} (the person detector and the lite landmark model, so the
 * main job runs offline on a fresh clone); the user cache ~/.cache/vestis/models; otherwise downloads into the cache, checking the SHA-256 (temporary name,
 * rename, one retry; see {@link Downloader}).
 * Files found on disk are not re-hashed: a user may deliberately put their own there.
 */
public final class ModelFiles {
    public static final String ENV = "VESTIS_MODELS";
    /** System property naming a mirror laid out like pretrained/, used instead of the upstream URLs. */
    public static final String MIRROR_PROPERTY = "vestis.modelsUrl";

    private static final String YOLO_FASTEST = "https://raw.githubusercontent.com/dog-qiuqiu/Yolo-Fastest/";

    public static final ModelFile YUNET = new ModelFile("face_detection_yunet_2023mar.onnx",
            // The same bytes as OpenCV Zoo's face_detection_yunet_2023mar.onnx, which is kept in Git LFS there.
            "https://raw.githubusercontent.com/ShiqiYu/libfacedetection.train/0047ac24afb1a50a0c6105001c89d1b5b805dbf1/onnx/yunet_s_640_640.onnx",
            "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4");
    public static final ModelFile YOLO_BODY_CFG = new ModelFile("yolo-fastest-1.1_body/yolo-fastest-1.1_body.cfg",
            YOLO_FASTEST + "9c62b1c50e024fb73d29a651133b1d63548e63a1/ModelZoo/yolo-fastest-1.1_body/yolo-fastest-1.1_body.cfg",
            "045b8e276ebe3924474da8c866b7e709159ea067137b5d66bf9dd560411b2c1a");
    public static final ModelFile YOLO_BODY_WEIGHTS = new ModelFile("yolo-fastest-1.1_body/yolo-fastest-1.1_body.weights",
            YOLO_FASTEST + "9c62b1c50e024fb73d29a651133b1d63548e63a1/ModelZoo/yolo-fastest-1.1_body/yolo-fastest-1.1_body.weights",
            "5bbb6d878f6e2eb3deee39e91dc6f9b39700e99ec83fa94d258670a554949728");
    public static final ModelFile YOLO_COCO_CFG = new ModelFile("yolo-fastest-1.1_coco/yolo-fastest-1.1.cfg",
            YOLO_FASTEST + "99d03d0f26e2555275bdb30f43479d47cc19311f/ModelZoo/yolo-fastest-1.1_coco/yolo-fastest-1.1.cfg",
            "f6df5775c1e862998cf69046eba9265be3ae84dfe8b2caab7529823f0795bf70");
    public static final ModelFile YOLO_COCO_WEIGHTS = new ModelFile("yolo-fastest-1.1_coco/yolo-fastest-1.1.weights",
            YOLO_FASTEST + "99d03d0f26e2555275bdb30f43479d47cc19311f/ModelZoo/yolo-fastest-1.1_coco/yolo-fastest-1.1.weights",
            "1c445c42bbd6df63edea2cc69f99667b5650d663ca11e34b116240740cd42890");
    // MediaPipe's model storage, pinned to one object generation; MediaPipe's own build (third_party/external_files.bzl)
    // lists these SHA-256 values for these URLs, and they equal the files of the npm package @mediapipe/pose 0.5.1675469404.
    public static final ModelFile POSE_LITE = new ModelFile("pose/pose_landmark_lite.tflite",
            "https://storage.googleapis.com/mediapipe-assets/pose_landmark_lite.tflite?generation=1661875901231143",
            "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61");
    public static final ModelFile POSE_FULL = new ModelFile("pose/pose_landmark_full.tflite",
            "https://storage.googleapis.com/mediapipe-assets/pose_landmark_full.tflite?generation=1661875894245786",
            "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f");

    /** The project's own copies of small model files, under the project directory. */
    public static final String SHIPPED = "models/pretrained";

    private final String modelsDir;
    private final String modelsDirSource;
    private final Path shippedDir;
    private final Path cacheDir;
    private final String mirrorUrl;

    /**
     * @param envValue  the value of VESTIS_MODELS (null or blank: not set)
     * @param cacheDir  where downloads go
     * @param mirrorUrl a base URL laid out like pretrained/ to download from instead of the upstream URLs (null: upstream)
     */
    public ModelFiles(String envValue, Path cacheDir, String mirrorUrl) {
        this(envValue, ENV, null, cacheDir, mirrorUrl);
    }

    /** @param shippedDir the project's shipped model files (null: none) */
    private ModelFiles(String modelsDir, String modelsDirSource, Path shippedDir, Path cacheDir, String mirrorUrl) {
        this.modelsDir = modelsDir == null || modelsDir.isBlank() ? null : modelsDir;
        this.modelsDirSource = modelsDirSource;
        this.shippedDir = shippedDir;
        this.cacheDir = cacheDir;
        this.mirrorUrl = mirrorUrl == null || mirrorUrl.isBlank() ? null : mirrorUrl;
    }

    public static ModelFiles standard() {
        return standard(null);
    }

    /** Like {@link #standard()}, but a models directory named in the config (may be null or blank) comes before VESTIS_MODELS. */
    public static ModelFiles standard(String configuredDir) {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "vestis", "models");
        String mirror = System.getProperty(MIRROR_PROPERTY);
        Path shipped = ProjectRoot.find().dir().resolve(SHIPPED);
        return configuredDir == null || configuredDir.isBlank()
                ? new ModelFiles(System.getenv(ENV), ENV, shipped, cache, mirror)
                : new ModelFiles(configuredDir, "the config's detector-models", shipped, cache, mirror);
    }

    /** The standard file (explicit path null), or the explicit one, which must exist. */
    public Path resolve(ModelFile file, Path explicit) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new UserException("The model file " + explicit + " given in the config does not exist; fix the path, "
                        + "or leave it out to use the standard " + file.fileName() + ".");
            }
            return explicit;
        }
        if (modelsDir != null) {
            Path inDir = Path.of(modelsDir).resolve(file.path());
            if (!Files.isRegularFile(inDir)) {
                throw new UserException("The models directory " + modelsDir + " (from " + modelsDirSource + ") has no " + file.path()
                        + "; put the file from " + url(file) + " there, or leave " + modelsDirSource + " unset to use the download cache.");
            }
            return inDir;
        }
        if (shippedDir != null && Files.isRegularFile(shippedDir.resolve(file.path()))) {
            return shippedDir.resolve(file.path());
        }
        Path cached = cacheDir.resolve(file.path());
        return Files.isRegularFile(cached) ? cached : download(file, cached);
    }

    public Path resolve(ModelFile file) {
        return resolve(file, null);
    }

    /** Where {@code file} is downloaded from. */
    public String url(ModelFile file) {
        return mirrorUrl == null ? file.url() : (mirrorUrl.endsWith("/") ? mirrorUrl : mirrorUrl + "/") + file.path();
    }

    private Path download(ModelFile file, Path target) {
        String url = url(file);
        int slash = url.lastIndexOf('/');
        String base = url.substring(0, slash + 1);
        String remoteName = url.substring(slash + 1); // upstream names may differ from ours (YuNet's does)
        System.err.println("Downloading " + file.fileName() + " from " + url + " into " + target.getParent());
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            // A private directory, so only a complete, verified file ever appears under the real name.
            staging = Files.createTempDirectory(target.getParent(), ".download-");
            Path fetched = new Downloader().fetch(base, new RemoteFile(remoteName, file.sha256()), staging);
            OutputFiles.publish(fetched, target);
            return target;
        } catch (UserException e) {
            throw new UserException("The model file " + file.fileName() + " is missing and could not be downloaded from "
                    + url + " (" + problem(e) + "); download it yourself and save it as " + target
                    + ", or set " + ENV + " to a directory holding " + file.path() + ".", e);
        } catch (IOException e) {
            throw new UserException("Could not write the model file " + target + " (" + e.getMessage() + "); check that "
                    + cacheDir + " is writable, or set " + ENV + " to a directory holding " + file.path() + ".", e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** The reason inside Downloader's sentence "Could not download URL (reason); check ...". */
    private static String problem(UserException e) {
        String m = e.getMessage();
        int open = m.indexOf(" (");
        int close = m.lastIndexOf("); ");
        return open >= 0 && close > open ? m.substring(open + 2, close) : m;
    }

    private static void deleteQuietly(Path staging) {
        if (staging == null) {
            return;
        }
        try (var files = Files.list(staging)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(staging);
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover empty temporary directory does no harm
        }
    }
}
