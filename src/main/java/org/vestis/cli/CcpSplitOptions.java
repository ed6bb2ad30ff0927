package org.vestis.cli;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.data.ccp.CcpGarmentCrops;
import org.vestis.data.ccp.CcpSlots;
import org.vestis.data.ccp.PhotoSplitter;
import org.vestis.data.ccp.SlotTruth;
import org.vestis.video.garment.SlotClasses;
import picocli.CommandLine.Option;

import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * The options the garment measurements share (garments-eval, garments-smoothing): which CCP photos (a split of the
 * model's own dataset, rebuilt from its seed and merges), which garment model and config, and how the truth is read
 * from the label maps.
 */
final class CcpSplitOptions {
    @Option(names = "--ccp", required = true, paramLabel = "DIR", description = "CCP folder: photos/, masks/, labels.txt, slots.csv.")
    Path ccp;
    @Option(names = "--model", defaultValue = "models/garments-regions", paramLabel = "DIR",
            description = "Garment model bundle (with garments.json; default: ${DEFAULT-VALUE}).")
    Path model;
    @Option(names = "--split", defaultValue = "test", description = "validation or test (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--config", defaultValue = "configs/garments.yaml", description = "Run config: detector, tracker and top-n (default: ${DEFAULT-VALUE}).")
    Path config;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the dataset's split by photo, as given to garments-dataset (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--merge", paramLabel = "FROM=TO", split = ",", defaultValue = "sneakers=shoes,heels=shoes",
            description = "The dataset's --merge options, which shape its split (default, as the committed models' datasets: ${DEFAULT-VALUE}).")
    List<String> merge;
    @Option(names = "--min-share", defaultValue = "" + SlotTruth.DEFAULT_MIN_SHARE,
            description = "A slot is worn when its garments cover this share of the person's labelled pixels (default: ${DEFAULT-VALUE}).")
    double minShare;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N photos of the split (0: all; for quick checks).")
    int limit;

    /** Every bad option as one sentence, before anything is read. */
    void check() {
        if (!split.equals(PhotoSplitter.VALIDATION) && !split.equals(PhotoSplitter.TEST)) {
            throw new UserException("--split " + split + " is not validation or test.");
        }
        if (!(minShare >= 0 && minShare < 1)) {
            throw new UserException("--min-share must be at least 0 and below 1, not " + minShare + ".");
        }
        if (limit < 0) {
            throw new UserException("--limit must not be negative.");
        }
        if (!Files.isDirectory(model)) {
            throw new UserException("The model folder " + model + " does not exist.");
        }
        if (!Files.isRegularFile(model.resolve(SlotClasses.FILE))) {
            throw new UserException(model + " is not a garment model: it has no " + SlotClasses.FILE + ".");
        }
    }

    PipelineConfig pipelineConfig() {
        PipelineConfig c = ConfigLoader.load(config).pipeline;
        c.validate(config.toString());
        return c;
    }

    CcpGarmentCrops.Options datasetOptions() {
        return CcpGarmentCrops.Options.defaults().withSeed(seed).withMerges(GarmentsDatasetCommand.merges(merge));
    }

    /** Photo id to split for every photo, as the model's dataset was split. */
    Map<String, String> splitOfPhotos() {
        return CcpGarmentCrops.photoSplit(ccp, datasetOptions());
    }

    /** The ids of the chosen split's photos, sorted, at most --limit of them. */
    List<String> photos(Map<String, String> splitOf) {
        return splitOf.keySet().stream().filter(id -> splitOf.get(id).equals(split)).sorted()
                .limit(limit > 0 ? limit : Long.MAX_VALUE).toList();
    }

    CcpSlots slots() {
        return CcpSlots.read(ccp.resolve("labels.txt"), ccp.resolve("slots.csv"));
    }

    /** The photo's truth per slot, from its label map. */
    Map<String, String> truth(CcpSlots slots, String id) {
        return SlotTruth.ofMask(maskFile(id), slots, minShare);
    }

    /** The photo's label map, read. */
    Raster labels(String id) {
        return CcpGarmentCrops.readMask(maskFile(id));
    }

    private Path maskFile(String id) {
        return ccp.resolve("masks").resolve(id + ".png");
    }

    /** The photo in BGR; close it. */
    Mat photo(String id) {
        Path file = ccp.resolve("photos").resolve(id + ".jpg");
        Mat photo = imread(file.toString(), IMREAD_COLOR);
        if (photo.empty()) {
            photo.close();
            throw new UserException("The photo " + file + " could not be decoded.");
        }
        return photo;
    }
}
