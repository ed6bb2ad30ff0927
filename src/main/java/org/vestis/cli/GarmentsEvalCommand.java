package org.vestis.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.vestis.UserException;
import org.vestis.config.PipelineConfig;
import org.vestis.data.ccp.CcpSlots;
import org.vestis.data.ccp.PhotoSplitter;
import org.vestis.data.ccp.PipelineSlotMetrics;
import org.vestis.data.ccp.SlotColourTruth;
import org.vestis.data.ccp.SlotTruth;
import org.vestis.video.detect.Detector;
import org.vestis.video.garment.GarmentObservation;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.garment.PhotoObserver;
import org.vestis.video.garment.PresenceCalibration;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.garment.SlotDecision;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.pipeline.PipelineModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `vestis garments-eval --ccp DIR --model MODEL --split validation|test`: garment slots measured through the whole
 * pipeline on full CCP photos (person detector, body regions, classifier, slot decision; no ground-truth boxes), on
 * the photos of the split the model's dataset was made with, against the truth of their label maps
 * ({@link SlotTruth}, scored by {@link PipelineSlotMetrics}). With --choose-presence (validation only) the presence
 * thresholds of headwear and outerwear are chosen for F1 and written into the bundle's garments.json.
 */
@Command(name = "garments-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a garment model's five slots through the whole pipeline (detector, body regions, classifier, slot",
                "decision) on full CCP photos of one split, against their label maps; with majority-class baselines."})
final class GarmentsEvalCommand implements Callable<Integer> {
    static final String SECTION = "## Through the pipeline (full photos)";
    static final List<String> CLASS_SLOTS = List.of("top", "bottom", "footwear");
    static final List<String> PRESENCE_SLOTS = List.of("headwear", "outerwear");

    @Mixin
    CcpSplitOptions data;
    @Option(names = "--choose-presence", description = "Choose the headwear and outerwear presence thresholds for F1 on these (validation) photos and write them into the model's garments.json.")
    boolean choosePresence;
    @Option(names = "--calibrate", description = "Make the stated confidences match how often they are right on these (validation) photos: choose the temperature of top, bottom and footwear (lowest Brier score) and fit the presence calibration of headwear and outerwear (maximum likelihood), and write both into the model's garments.json.")
    boolean calibrate;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON, with every photo's truth and answer and what was seen: each body part's class probabilities and each slot's colour.")
    Path json;
    @Option(names = "--write-report", description = "Write MODEL/pipeline-metrics.json and put the section \"" + SECTION + "\" into MODEL/report.md.")
    boolean writeReport;

    /**
     * One photo through the pipeline: its truth, the colour of each true garment's own pixels, and what was observed
     * (null: no person found).
     */
    record PhotoRun(String id, Map<String, String> truth, Map<String, String> truthColours, GarmentObservation observation) {
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        checkOptions();
        PipelineConfig c = data.pipelineConfig();
        Map<String, String> splitOf = data.splitOfPhotos();
        CcpSlots slots = data.slots();
        List<String> photos = data.photos(splitOf);
        List<Map<String, String>> train = new ArrayList<>();
        for (String id : splitOf.keySet().stream().sorted().toList()) {
            if (splitOf.get(id).equals(PhotoSplitter.TRAIN)) {
                train.add(data.truth(slots, id));
            }
        }

        PipelineFactory factory = new PipelineFactory(c.spec().withModel(data.model));
        List<PhotoRun> runs = new ArrayList<>();
        SlotClasses classes;
        try (PipelineModels models = factory.loadGarmentModels();
             Detector detector = factory.newPhotoDetector();
             ProgressBar bar = new ProgressBarBuilder().setTaskName(data.split + " photos").setInitialMax(photos.size())
                     .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build()) {
            classes = models.garments().classes();
            PhotoObserver observer = new PhotoObserver(detector, models.garments().observer());
            for (String id : photos) {
                runs.add(run(observer, slots, id));
                bar.step();
            }
        }
        if (choosePresence) {
            classes = classes.withPresence(choosePresence(runs, classes));
            classes.writePresence(data.model);
        }
        if (calibrate) {
            classes = classes.withTemperature(SlotCalibration.chooseTemperature(runs, classes))
                    .withPresenceCalibration(SlotCalibration.fitPresence(runs, classes));
            classes.writeCalibration(data.model);
        }
        GarmentsEvalReport report = GarmentsEvalReport.of(runs, classes, train, slots, data.split);
        System.out.print(report.table());
        if (choosePresence) {
            System.out.printf(Locale.ROOT, "Presence thresholds chosen for F1 on these %s photos and written into %s: headwear %s, outerwear %s.%n",
                    data.split, data.model.resolve(SlotClasses.FILE), classes.presenceThreshold(GarmentSlot.HEADWEAR), classes.presenceThreshold(GarmentSlot.OUTERWEAR));
        }
        if (calibrate) {
            System.out.printf(Locale.ROOT, "Temperature chosen for the lowest Brier score on these %s photos and written into %s: %s; "
                            + "presence calibration (scale, offset of the score's logit): headwear %s, outerwear %s.%n",
                    data.split, data.model.resolve(SlotClasses.FILE), classes.temperature(),
                    calibrationText(classes, GarmentSlot.HEADWEAR), calibrationText(classes, GarmentSlot.OUTERWEAR));
        }
        Map<String, Object> doc = report.json(data.ccp, data.model, data.seed, data.datasetOptions().merges(), data.minShare, VestisCommand.invocation, false);
        if (json != null) {
            writeJson(json, report.json(data.ccp, data.model, data.seed, data.datasetOptions().merges(), data.minShare, VestisCommand.invocation, true));
        }
        if (writeReport) {
            writeJson(data.model.resolve("pipeline-metrics.json"), doc);
            ReportSections.write(data.model.resolve("report.md"), SECTION, report.markdown(VestisCommand.invocation, data.seed, data.minShare));
            System.out.println("Wrote " + data.model.resolve("pipeline-metrics.json") + " and the section \"" + SECTION + "\" of " + data.model.resolve("report.md") + ".");
        }
        System.out.printf(Locale.ROOT, "%d photos in %.1f s.%n", photos.size(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static String calibrationText(SlotClasses classes, GarmentSlot slot) {
        PresenceCalibration c = classes.presenceCalibration().getOrDefault(slot, PresenceCalibration.IDENTITY);
        return String.format(Locale.ROOT, "%.2f, %.2f", c.scale(), c.offset());
    }

    /** Every bad option as one sentence, before anything is read. */
    private void checkOptions() {
        data.check();
        if (choosePresence && !data.split.equals(PhotoSplitter.VALIDATION)) {
            throw new UserException("--choose-presence chooses thresholds on the validation photos; the test photos are only scored (use --split validation).");
        }
        if (calibrate && !data.split.equals(PhotoSplitter.VALIDATION)) {
            throw new UserException("--calibrate fits the confidences on the validation photos; the test photos are only scored (use --split validation).");
        }
        if (json != null && Files.isDirectory(json)) {
            throw new UserException("--json " + json + " is a folder; give the name of the file to write.");
        }
    }

    private PhotoRun run(PhotoObserver observer, CcpSlots slots, String id) {
        Raster labels = data.labels(id); // read once for the truth and its colours
        Map<String, String> truth = SlotTruth.ofLabels(labels, slots, data.minShare);
        try (Mat photo = data.photo(id)) {
            return new PhotoRun(id, truth, SlotColourTruth.of(photo, labels, slots, truth), observer.observe(photo).orElse(null));
        }
    }

    /** The F1-best presence threshold of each optional slot on these photos. */
    static Map<GarmentSlot, Double> choosePresence(List<PhotoRun> runs, SlotClasses classes) {
        Map<GarmentSlot, Double> chosen = new EnumMap<>(GarmentSlot.class);
        for (String name : PRESENCE_SLOTS) {
            GarmentSlot slot = GarmentSlot.of(name);
            boolean[] worn = new boolean[runs.size()];
            double[] score = new double[runs.size()];
            boolean[] missed = new boolean[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                PhotoRun r = runs.get(i);
                worn[i] = r.truth().containsKey(name);
                missed[i] = r.observation() == null;
                float[] p = missed[i] ? null : r.observation().probabilities().get(slot.part());
                score[i] = p == null ? Double.NaN : Math.min(1, classes.score(slot, p));
            }
            chosen.put(slot, PipelineSlotMetrics.chooseThreshold(worn, score, missed));
        }
        return chosen;
    }

    /** A photo's answer per slot, as evaluation classes ("none" for an empty slot). */
    static PipelineSlotMetrics.Photo decide(PhotoRun r, SlotClasses classes) {
        if (r.observation() == null) {
            return new PipelineSlotMetrics.Photo(r.id(), r.truth(), Map.of(), true);
        }
        return new PipelineSlotMetrics.Photo(r.id(), r.truth(), answer(SlotDecision.decide(classes, r.observation())), false);
    }

    /** A person's slots as evaluation classes ("none" for an empty slot). */
    static Map<String, String> answer(PersonGarments g) {
        Map<String, String> answer = new LinkedHashMap<>();
        for (GarmentSlot s : GarmentSlot.values()) {
            String label = g.get(s).label();
            answer.put(s.label(), g.get(s).worn() ? SlotTruth.evalClass(s.label(), label) : PipelineSlotMetrics.NONE);
        }
        return answer;
    }

    private static void writeJson(Path file, Map<String, Object> doc) throws Exception {
        OutputFiles.createParent(file);
        Path part = OutputFiles.partName(file);
        Json.MAPPER.writeValue(part.toFile(), doc);
        OutputFiles.publish(part, file);
    }
}
