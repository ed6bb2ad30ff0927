package org.vestis.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.config.PipelineConfig;
import org.vestis.data.ccp.CcpSlots;
import org.vestis.video.detect.Detector;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;
import org.vestis.video.synth.PhotoClip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;

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

    @Mixin
    CcpSplitOptions data;
    @Option(names = "--frames", defaultValue = "12", description = "Frames per clip (default: ${DEFAULT-VALUE}).")
    int frames;
    @Option(names = "--clip-seed", defaultValue = "1", description = "Seed of the clips' motion, blur and noise (default: ${DEFAULT-VALUE}).")
    long clipSeed;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        data.check();
        if (frames < 2 || frames > MAX_FRAMES) {
            throw new UserException("--frames must be from 2 to " + MAX_FRAMES + ", not " + frames + ".");
        }
        PipelineConfig c = data.pipelineConfig();
        List<String> photos = data.photos(data.splitOfPhotos()); // checks the CCP folder first
        CcpSlots slots = data.slots();

        PipelineFactory factory = new PipelineFactory(c.spec().withModel(data.model));
        List<ClipLooks> runs = new ArrayList<>();
        SlotClasses classes;
        try (PipelineModels models = factory.loadGarmentModels();
             ProgressBar bar = new ProgressBarBuilder().setTaskName(data.split + " clips").setInitialMax(photos.size())
                     .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build()) {
            classes = models.garments().classes();
            for (String id : photos) {
                Map<String, String> truth = data.truth(slots, id);
                try (PhotoClip clip = clip(id); Detector detector = factory.newDetector()) {
                    runs.add(ClipLooks.run(id, truth, clip.frames(), factory, detector, models));
                }
                bar.step();
            }
        }
        SmoothingReport report = SmoothingReport.of(runs, classes, slots, c.topN);
        System.out.println(report.summaryLine());
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.print(report.confidenceTable());
        System.out.printf(Locale.ROOT, "%d %s clips of %d frames (clip seed %d) in %.1f s.%n", photos.size(), data.split, frames, clipSeed,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The photo's clip; its own seed, so a clip does not change when --limit or the split's other photos do. */
    private PhotoClip clip(String id) {
        try (Mat photo = data.photo(id)) {
            return PhotoClip.of(photo, frames, new Random(Objects.hash(clipSeed, id)));
        }
    }
}
