package org.vestis.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.data.ccp.CcpGarmentCrops;
import org.vestis.data.ccp.CcpSlots;
import org.vestis.data.ccp.PhotoSplitter;
import org.vestis.data.ccp.SlotTruth;
import org.vestis.model.ModelBundle;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.DetectorSettings;
import org.vestis.video.detect.Detectors;
import org.vestis.video.garment.GarmentModel;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.synth.PhotoClip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * `vestis garments-smoothing`: what smoothing over a track's best looks buys. Each CCP photo of a split becomes a
 * short clip ({@link PhotoClip}: the person moves, frames blur, light and noise change) that runs through the
 * pipeline as `analyze` runs it; the slots of every single look are scored beside those smoothed over the best
 * looks ({@link SmoothingReport}), against the photo's label map as in garments-eval.
 */
@Command(name = "garments-smoothing", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure single looks against slots smoothed over a track's best looks: every CCP photo of a split made into a short",
                "clip with motion, blur and noise, run through the whole pipeline, scored against the photo's label map."})
final class GarmentsSmoothingCommand implements Callable<Integer> {
    static final int MAX_FRAMES = 200;

    @Option(names = "--ccp", required = true, paramLabel = "DIR", description = "CCP folder: photos/, masks/, labels.txt, slots.csv.")
    Path ccp;
    @Option(names = "--model", defaultValue = "models/garments-mobilenetv2", paramLabel = "DIR",
            description = "Garment model bundle (with garments.json; default: ${DEFAULT-VALUE}).")
    Path model;
    @Option(names = "--split", defaultValue = "test", description = "validation or test (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--frames", defaultValue = "12", description = "Frames per clip (default: ${DEFAULT-VALUE}).")
    int frames;
    @Option(names = "--clip-seed", defaultValue = "1", description = "Seed of the clips' motion, blur and noise (default: ${DEFAULT-VALUE}).")
    long clipSeed;
    @Option(names = "--config", defaultValue = "configs/garments.yaml", description = "Run config: detector, tracker and top-n (default: ${DEFAULT-VALUE}).")
    Path config;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the dataset's split by photo, as given to garments-dataset (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--merge", paramLabel = "FROM=TO", split = ",", defaultValue = "sneakers=shoes,heels=shoes",
            description = "The dataset's --merge options, which shape its split (default: ${DEFAULT-VALUE}).")
    List<String> merge;
    @Option(names = "--min-share", defaultValue = "" + SlotTruth.DEFAULT_MIN_SHARE,
            description = "A slot is worn when its garments cover this share of the person's labelled pixels (default: ${DEFAULT-VALUE}).")
    double minShare;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N photos of the split (0: all).")
    int limit;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        checkOptions();
        PipelineConfig c = ConfigLoader.load(config).pipeline;
        c.validate(config.toString());
        CcpGarmentCrops.Options o = CcpGarmentCrops.Options.defaults().withSeed(seed).withMerges(GarmentsDatasetCommand.merges(merge));
        Map<String, String> splitOf = CcpGarmentCrops.photoSplit(ccp, o);
        CcpSlots slots = CcpSlots.read(ccp.resolve("labels.txt"), ccp.resolve("slots.csv"));
        List<String> photos = splitOf.keySet().stream().filter(id -> splitOf.get(id).equals(split)).sorted()
                .limit(limit > 0 ? limit : Long.MAX_VALUE).toList();

        CropClassifier classifier = new CropClassifier(ModelBundle.load(model).forInference());
        DetectorSettings ds = c.detectorSettings();
        List<ClipLooks> runs = new ArrayList<>();
        SlotClasses classes;
        try (GarmentModel garments = GarmentModel.forBundle(model, classifier, ds.models())
                .orElseThrow(() -> new UserException(model + " is not a garment model: it has no " + SlotClasses.FILE + "."));
             ProgressBar bar = new ProgressBarBuilder().setTaskName(split + " clips").setInitialMax(photos.size())
                     .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build()) {
            classes = garments.classes();
            for (String id : photos) {
                Map<String, String> truth = SlotTruth.ofMask(ccp.resolve("masks").resolve(id + ".png"), slots, minShare);
                try (PhotoClip clip = clip(id); Detector detector = Detectors.create(c.detector, ds)) {
                    runs.add(ClipLooks.run(id, truth, clip.frames(), detector, classifier, garments, c.settings()));
                }
                bar.step();
            }
        }
        SmoothingReport report = SmoothingReport.of(runs, classes, slots, c.topN);
        System.out.println(report.summaryLine());
        System.out.println();
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "%d %s clips of %d frames (clip seed %d) in %.1f s.%n", photos.size(), split, frames, clipSeed,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** Every bad option as one sentence, before anything is read. */
    private void checkOptions() {
        if (!split.equals(PhotoSplitter.VALIDATION) && !split.equals(PhotoSplitter.TEST)) {
            throw new UserException("--split " + split + " is not validation or test.");
        }
        if (frames < 2 || frames > MAX_FRAMES) {
            throw new UserException("--frames must be from 2 to " + MAX_FRAMES + ", not " + frames + ".");
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

    /** The photo's clip; its own seed, so a clip does not change when --limit or the split's other photos do. */
    private PhotoClip clip(String id) {
        Path file = ccp.resolve("photos").resolve(id + ".jpg");
        try (Mat photo = imread(file.toString(), IMREAD_COLOR)) {
            if (photo.empty()) {
                throw new UserException("The photo " + file + " could not be decoded.");
            }
            return PhotoClip.of(photo, frames, new Random(Objects.hash(clipSeed, id)));
        }
    }
}
