package org.vestis.cli;

import org.vestis.data.ccp.CcpSlots;
import org.vestis.data.ccp.ColourAgreement;
import org.vestis.data.ccp.PipelineSlotMetrics;
import org.vestis.data.ccp.SlotTruth;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.RegionSource;
import org.vestis.video.garment.PresenceCalibration;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.garment.SlotDecision;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** garments-eval's figures, and how they are shown: a table on stdout, a report.md section, JSON. */
record GarmentsEvalReport(String split, List<PipelineSlotMetrics.Photo> photos, List<PipelineSlotMetrics.ClassSlot> classSlots,
                          List<PipelineSlotMetrics.PresenceSlot> presenceSlots, List<ColourAgreement> colourSlots, Map<String, Integer> regions,
                          List<SlotCalibration> calibration, double temperature, Map<GarmentSlot, PresenceCalibration> presenceCalibration,
                          List<Map<String, Object>> seen) {

    static GarmentsEvalReport of(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes, List<Map<String, String>> train,
                                 CcpSlots slots, String split) {
        List<PipelineSlotMetrics.Photo> photos = runs.stream().map(r -> GarmentsEvalCommand.decide(r, classes)).toList();
        List<PipelineSlotMetrics.ClassSlot> cs = new ArrayList<>();
        for (String s : GarmentsEvalCommand.CLASS_SLOTS) {
            cs.add(PipelineSlotMetrics.classes(s, SlotTruth.evalClasses(slots, s), photos, train));
        }
        List<PipelineSlotMetrics.PresenceSlot> ps = new ArrayList<>();
        for (String s : GarmentsEvalCommand.PRESENCE_SLOTS) {
            ps.add(PipelineSlotMetrics.presence(s, classes.presenceThreshold(GarmentSlot.of(s)), photos, train));
        }
        Map<String, Integer> regions = new LinkedHashMap<>();
        for (RegionSource source : RegionSource.values()) {
            regions.put(source.label(), 0);
        }
        regions.put(PipelineSlotMetrics.NO_PERSON, 0);
        for (GarmentsEvalCommand.PhotoRun r : runs) {
            regions.merge(r.observation() == null ? PipelineSlotMetrics.NO_PERSON : r.observation().regions().source().label(), 1, Integer::sum);
        }
        return new GarmentsEvalReport(split, photos, cs, ps, colours(runs, classes), regions, SlotCalibration.of(runs, classes),
                classes.temperature(), classes.presenceCalibration(), seen(runs, classes.labels()));
    }

    /** Per photo what the pipeline saw before any slot decision: each part's class probabilities and each slot's colour. */
    private static List<Map<String, Object>> seen(List<GarmentsEvalCommand.PhotoRun> runs, List<String> labels) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GarmentsEvalCommand.PhotoRun r : runs) {
            Map<String, Object> photo = new LinkedHashMap<>();
            photo.put("id", r.id());
            photo.put("truthColours", r.truthColours());
            if (r.observation() != null) {
                photo.put("regions", r.observation().regions().label());
                Map<String, Map<String, Double>> parts = new LinkedHashMap<>();
                r.observation().probabilities().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    Map<String, Double> p = new LinkedHashMap<>();
                    for (int i = 0; i < labels.size(); i++) {
                        p.put(labels.get(i), Math.round(e.getValue()[i] * 1e4) / 1e4);
                    }
                    parts.put(e.getKey().name().toLowerCase(Locale.ROOT), p);
                });
                photo.put("probabilities", parts);
                Map<String, String> colours = new LinkedHashMap<>();
                r.observation().colours().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> colours.put(e.getKey().label(), e.getValue()));
                photo.put("colours", colours);
            }
            out.add(photo);
        }
        return out;
    }

    /** Per slot, the pipeline's colours against those of the true garments' own pixels. */
    private static List<ColourAgreement> colours(List<GarmentsEvalCommand.PhotoRun> runs, SlotClasses classes) {
        List<Map<String, String>> truth = new ArrayList<>();
        List<Map<String, String>> answers = new ArrayList<>();
        for (GarmentsEvalCommand.PhotoRun r : runs) {
            truth.add(r.truthColours());
            Map<String, String> answer = new LinkedHashMap<>();
            if (r.observation() != null) {
                PersonGarments g = SlotDecision.decide(classes, r.observation());
                for (GarmentSlot s : GarmentSlot.values()) {
                    if (g.get(s).worn()) {
                        answer.put(s.label(), g.get(s).colour());
                    }
                }
            }
            answers.add(answer);
        }
        List<ColourAgreement> out = new ArrayList<>();
        for (GarmentSlot s : GarmentSlot.values()) {
            out.add(ColourAgreement.of(s.label(), truth, answers));
        }
        return out;
    }

    int misses() {
        return regions.get(PipelineSlotMetrics.NO_PERSON);
    }

    String summaryLine() {
        return String.format(Locale.ROOT, "%d %s photos; a person found in %d (%d without one count against every slot); body regions from "
                        + "landmarks in %d, from box proportions in %d, none in %d.", photos.size(), split, photos.size() - misses(), misses(),
                regions.get(RegionSource.LANDMARKS.label()), regions.get(RegionSource.BOX.label()), regions.get(RegionSource.NONE.label()));
    }

    /** The readable table for stdout. */
    String table() {
        StringBuilder sb = new StringBuilder(summaryLine()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%-10s %7s %9s  %s%n", "slot", "photos", "accuracy", "baseline (majority class of the training photos)"));
        for (PipelineSlotMetrics.ClassSlot s : classSlots) {
            sb.append(String.format(Locale.ROOT, "%-10s %7d %9s  %s (%s)%n", s.slot(), s.photos(), pct(s.accuracy()), pct(s.baseline()), s.majorityClass()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-10s %7s %5s %9s %9s %7s %6s %14s %9s  %s%n", "slot", "photos", "worn", "threshold", "precision",
                "recall", "F1", "always-worn F1", "accuracy", "baseline accuracy (majority of the training photos)"));
        for (PipelineSlotMetrics.PresenceSlot s : presenceSlots) {
            sb.append(String.format(Locale.ROOT, "%-10s %7d %5d %9.2f %9s %7s %6s %14s %9s  %s (%s)%n", s.slot(), s.photos(), s.worn(), s.threshold(),
                    pct(s.precision()), pct(s.recall()), f1(s.f1()), f1(s.alwaysWornF1()), pct(s.accuracy()), pct(s.majorityAccuracy()),
                    s.majorityWorn() ? "always worn" : "never worn"));
        }
        sb.append(String.format(Locale.ROOT, "%n%-10s %8s %16s %8s  %s%n", "slot", "compared", "colour agreement", "unknown",
                "(the pipeline's colour against the true garment's own pixels, where both name a garment)"));
        for (ColourAgreement c : colourSlots) {
            sb.append(String.format(Locale.ROOT, "%-10s %8d %16s %8d%n", c.slot(), c.compared(), pct(c.agreement()), c.unknown()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-22s %7s %11s %9s %7s  %s%n", "slot", "photos", "confidence", "right", "Brier",
                "(the confidence the pipeline states against how often it is right, where the part was seen; temperature " + temperature + ")"));
        for (SlotCalibration c : calibration) {
            sb.append(String.format(Locale.ROOT, "%-22s %7d %11s %9s %7s%n", c.slot(), c.photos(), pct(c.confidence()), pct(c.accuracy()), brier(c.brier())));
        }
        for (PipelineSlotMetrics.ClassSlot s : classSlots) {
            sb.append('\n').append(s.slot()).append(" (rows: truth; columns: the pipeline's answer)\n");
            List<String> cols = new ArrayList<>(s.classes());
            cols.add(PipelineSlotMetrics.NONE);
            cols.add(PipelineSlotMetrics.NO_PERSON);
            textMatrix(sb, s.classes(), cols, s.confusion());
        }
        for (PipelineSlotMetrics.PresenceSlot s : presenceSlots) {
            sb.append('\n').append(s.slot()).append(" (rows: truth; columns: the pipeline's answer)\n");
            textMatrix(sb, List.of("worn", "not worn"), List.of("worn", PipelineSlotMetrics.NONE, PipelineSlotMetrics.NO_PERSON), s.confusion());
        }
        return sb.toString();
    }

    private static void textMatrix(StringBuilder sb, List<String> rows, List<String> cols, long[][] m) {
        sb.append(String.format(Locale.ROOT, "  %-11s", ""));
        cols.forEach(c -> sb.append(String.format(Locale.ROOT, " %10s", c)));
        sb.append('\n');
        for (int r = 0; r < rows.size(); r++) {
            sb.append(String.format(Locale.ROOT, "  %-11s", rows.get(r)));
            for (long v : m[r]) {
                sb.append(String.format(Locale.ROOT, " %10d", v));
            }
            sb.append('\n');
        }
    }

    /** The section for the bundle's report.md. */
    String markdown(String invocation, long seed, double minShare) {
        StringBuilder sb = new StringBuilder(GarmentsEvalCommand.SECTION).append("\n\n");
        sb.append("`").append(invocation).append("` (").append(LocalDate.now(ZoneOffset.UTC)).append("): every photo of the ").append(split)
                .append(" split of the dataset this model was trained on (split by photo, seed ").append(seed).append(")")
                .append(split.equals("test") ? ", never seen in training, model choice or threshold choice" : "")
                .append(", through the whole pipeline as `analyze` runs it: the person detector (its most confident box; no "
                        + "ground-truth boxes), body regions from the pose landmarks (else box proportions), the garment classifier on "
                        + "each region, and the slot decision with garments.json's presence thresholds");
        sb.append(String.format(Locale.ROOT, " (headwear %.2f, outerwear %.2f, chosen for F1 on the validation photos by `--choose-presence`).%n%n",
                presenceSlots.get(0).threshold(), presenceSlots.get(1).threshold()));
        sb.append(String.format(Locale.ROOT, "Truth from each photo's label map: per slot the class with the most pixels, worn when the slot's "
                + "garments cover at least %.0f%% of the person's labelled pixels; footwear as boots, sandals or other. %s%n%n", minShare * 100, summaryLine()));
        sb.append("| slot | photos | accuracy | majority-class baseline |\n| --- | ---: | ---: | --- |\n");
        for (PipelineSlotMetrics.ClassSlot s : classSlots) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s (%s) |%n", s.slot(), s.photos(), pct(s.accuracy()), pct(s.baseline()), s.majorityClass()));
        }
        sb.append("\n| slot | photos | worn | precision | recall | F1 | baseline F1 (always worn) | accuracy | baseline accuracy (training majority) |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (PipelineSlotMetrics.PresenceSlot s : presenceSlots) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s | %s (%s) |%n", s.slot(), s.photos(), s.worn(),
                    pct(s.precision()), pct(s.recall()), f1(s.f1()), f1(s.alwaysWornF1()), pct(s.accuracy()), pct(s.majorityAccuracy()),
                    s.majorityWorn() ? "always worn" : "never worn"));
        }
        sb.append("\nAccuracy counts a slot left `none` (its body part not seen) as wrong; a photo without a person counts against every "
                + "slot (for presence: a false negative when worn, a false positive when not).\n");
        sb.append(String.format(Locale.ROOT, "%nConfidence: the mean confidence the pipeline states for its answer against how often that answer "
                + "is right, on the photos where the slot is worn and the part was seen, and the Brier score of the slot's class probabilities "
                + "(0 perfect); garments.json's temperature %s softens the network's probabilities (`--calibrate` chooses it on the validation "
                + "photos). For headwear and outerwear, the photos said worn and those said none, each with the probability that the garment "
                + "is worn (the network's score through garments.json's presence calibration, fitted by `--calibrate`).%n%n", temperature));
        sb.append("| slot | photos | stated confidence (mean) | right | Brier score |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (SlotCalibration c : calibration) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", c.slot(), c.photos(), pct(c.confidence()), pct(c.accuracy()), brier(c.brier())));
        }
        sb.append("\nColours: the pipeline's colour of each slot against the colour the same naming method gives the true garment's own "
                + "labelled pixels (footwear: all footwear pixels), on the photos where the slot is worn, that colour has a name and the "
                + "pipeline answered the slot with a garment; a two-coloured answer counts by its main colour.\n\n");
        sb.append("| slot | compared | same colour | answered unknown |\n| --- | ---: | ---: | ---: |\n");
        for (ColourAgreement c : colourSlots) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d |%n", c.slot(), c.compared(), pct(c.agreement()), c.unknown()));
        }
        for (PipelineSlotMetrics.ClassSlot s : classSlots) {
            List<String> cols = new ArrayList<>(s.classes());
            cols.add(PipelineSlotMetrics.NONE);
            cols.add(PipelineSlotMetrics.NO_PERSON);
            markdownMatrix(sb, s.slot(), s.classes(), cols, s.confusion());
        }
        for (PipelineSlotMetrics.PresenceSlot s : presenceSlots) {
            markdownMatrix(sb, s.slot(), List.of("worn", "not worn"), List.of("worn", PipelineSlotMetrics.NONE, PipelineSlotMetrics.NO_PERSON), s.confusion());
        }
        return sb.toString();
    }

    private static void markdownMatrix(StringBuilder sb, String slot, List<String> rows, List<String> cols, long[][] m) {
        sb.append('\n').append(slot).append(" (rows: truth; columns: the pipeline's answer)\n\n| |");
        cols.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n| --- |");
        cols.forEach(c -> sb.append(" ---: |"));
        sb.append('\n');
        for (int r = 0; r < rows.size(); r++) {
            sb.append("| ").append(rows.get(r)).append(" |");
            for (long v : m[r]) {
                sb.append(' ').append(v).append(" |");
            }
            sb.append('\n');
        }
    }

    /** Everything, for --json and pipeline-metrics.json. */
    Map<String, Object> json(Path ccp, Path model, long seed, Map<String, String> merges, double minShare, String invocation, boolean withSeen) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", invocation);
        doc.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        doc.put("ccp", ccp.toString());
        doc.put("model", model.toString());
        doc.put("split", split);
        doc.put("seed", seed);
        doc.put("merges", merges);
        doc.put("minShare", minShare);
        doc.put("photos", photos.size());
        doc.put("misses", misses());
        doc.put("regions", regions);
        doc.put("classSlots", classSlots);
        doc.put("presenceSlots", presenceSlots);
        doc.put("colourSlots", colourSlots);
        doc.put("temperature", temperature);
        Map<String, List<Double>> presence = new LinkedHashMap<>();
        presenceCalibration.forEach((slot, c) -> presence.put(slot.label(), List.of(c.scale(), c.offset())));
        doc.put("presenceCalibration", presence);
        doc.put("confidence", calibration);
        doc.put("perPhoto", photos);
        if (withSeen) {
            doc.put("seen", seen);
        }
        return doc;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String brier(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
