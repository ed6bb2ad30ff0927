package org.vestis.cli;

import org.vestis.data.ccp.CcpSlots;
import org.vestis.data.ccp.PipelineSlotMetrics;
import org.vestis.data.ccp.SlotTruth;
import org.vestis.video.GarmentSlot;
import org.vestis.video.garment.GarmentSmoother;
import org.vestis.video.PersonGarments;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.garment.SlotDecision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The slots of clips scored as garments-eval scores photos ({@link PipelineSlotMetrics}: accuracy for top, bottom and
 * footwear, presence F1 for headwear and outerwear), once per way of answering:
 * <ul>
 *   <li>single look: every look of the clip's person on its own (each frame one answer, pooled over all clips);</li>
 *   <li>top-1: the one best look by crop quality;</li>
 *   <li>top-N (pipeline): the pipeline's own answer after the clip, smoothed over the track's N best looks;</li>
 *   <li>all looks: the average over every look of the track (N as large as the clip).</li>
 * </ul>
 * A clip in which no one was tracked counts once against every slot in every column, as a photo without a person
 * does in garments-eval.
 */
record SmoothingReport(int clips, int looks, int missed, int topN, Map<String, List<PipelineSlotMetrics.Photo>> columns,
                       Map<String, List<PersonGarments>> answers, CcpSlots slots, SlotClasses classes) {

    static SmoothingReport of(List<ClipLooks> runs, SlotClasses classes, CcpSlots slots, int topN) {
        Map<String, List<PipelineSlotMetrics.Photo>> columns = new LinkedHashMap<>();
        Map<String, List<PersonGarments>> answers = new LinkedHashMap<>();
        List<String> names = List.of("single look", "top-1", "top-" + topN + " (pipeline)", "all looks");
        for (String name : names) {
            columns.put(name, new ArrayList<>());
            answers.put(name, new ArrayList<>());
        }
        int looks = 0, missed = 0;
        for (ClipLooks r : runs) {
            if (r.pipeline() == null) {
                PipelineSlotMetrics.Photo none = new PipelineSlotMetrics.Photo(r.id(), r.truth(), Map.of(), true);
                columns.values().forEach(c -> c.add(none));
                answers.values().forEach(a -> a.add(null));
                missed++;
                continue;
            }
            looks += r.looks().size();
            for (ClipLooks.Look look : r.looks()) {
                add(columns, answers, names.get(0), r, SlotDecision.decide(classes, look.observation()));
            }
            add(columns, answers, names.get(1), r, smoothed(r.looks(), 1, classes));
            add(columns, answers, names.get(2), r, r.pipeline());
            add(columns, answers, names.get(3), r, smoothed(r.looks(), r.looks().size(), classes));
        }
        return new SmoothingReport(runs.size(), looks, missed, topN, columns, answers, slots, classes);
    }

    private static void add(Map<String, List<PipelineSlotMetrics.Photo>> columns, Map<String, List<PersonGarments>> answers, String column,
                            ClipLooks r, PersonGarments g) {
        columns.get(column).add(photo(r, g));
        answers.get(column).add(g);
    }

    /** The person's slots smoothed over the {@code n} best of these looks, as the garment stage smooths them. */
    static PersonGarments smoothed(List<ClipLooks.Look> looks, int n, SlotClasses classes) {
        GarmentSmoother smoother = new GarmentSmoother(n, classes);
        looks.forEach(l -> smoother.add(0, l.quality(), l.observation()));
        return smoother.current(0);
    }

    private static PipelineSlotMetrics.Photo photo(ClipLooks r, PersonGarments g) {
        return new PipelineSlotMetrics.Photo(r.id(), r.truth(), GarmentsEvalCommand.answer(g), false);
    }

    /** Clips, looks and misses in one sentence. */
    String summaryLine() {
        return String.format(Locale.ROOT, "%d clips; the person tracked in %d (%d looks, %.1f per clip); %d without a track count against every slot.",
                clips, clips - missed, looks, clips == missed ? 0.0 : (double) looks / (clips - missed), missed);
    }

    /** The side-by-side table in Markdown (also readable on a terminal). */
    String table() {
        StringBuilder sb = new StringBuilder("| slot | clips | ");
        sb.append(String.join(" | ", columns.keySet())).append(" |\n| --- | ---: |");
        columns.keySet().forEach(c -> sb.append(" ---: |"));
        sb.append('\n');
        for (String slot : GarmentsEvalCommand.CLASS_SLOTS) {
            List<PipelineSlotMetrics.ClassSlot> scored = new ArrayList<>();
            columns.values().forEach(photos -> scored.add(PipelineSlotMetrics.classes(slot, SlotTruth.evalClasses(slots, slot), photos, List.of())));
            // The clips column counts clips (the pipeline's column), not looks.
            sb.append(String.format(Locale.ROOT, "| %s (accuracy) | %d |", slot, scored.get(2).photos()));
            scored.forEach(s -> sb.append(' ').append(pct(s.accuracy())).append(" |"));
            sb.append('\n');
        }
        for (String slot : GarmentsEvalCommand.PRESENCE_SLOTS) {
            double threshold = classes.presenceThreshold(GarmentSlot.of(slot));
            List<PipelineSlotMetrics.PresenceSlot> scored = new ArrayList<>();
            columns.values().forEach(photos -> scored.add(PipelineSlotMetrics.presence(slot, threshold, photos, List.of())));
            sb.append(String.format(Locale.ROOT, "| %s (presence F1; precision / recall) | %d (%d worn) |", slot, scored.get(2).photos(), scored.get(2).worn()));
            scored.forEach(s -> sb.append(String.format(Locale.ROOT, " %s (%s / %s) |", f1(s.f1()), pct(s.precision()), pct(s.recall()))));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Per class slot and way of answering: the mean confidence stated for the answer, against the share of those answers
     * that are right (clips where the slot is worn and was seen), so that smoothing's effect on the confidences shows.
     */
    String confidenceTable() {
        StringBuilder sb = new StringBuilder("| slot: stated confidence / right | ");
        sb.append(String.join(" | ", columns.keySet())).append(" |\n| --- |");
        columns.keySet().forEach(c -> sb.append(" ---: |"));
        sb.append('\n');
        for (String slot : GarmentsEvalCommand.CLASS_SLOTS) {
            sb.append("| ").append(slot).append(" |");
            for (String column : columns.keySet()) {
                List<PipelineSlotMetrics.Photo> photos = columns.get(column);
                List<PersonGarments> given = answers.get(column);
                double stated = 0;
                int right = 0, n = 0;
                for (int i = 0; i < photos.size(); i++) {
                    String truth = photos.get(i).truth().get(slot);
                    PersonGarments g = given.get(i);
                    if (truth == null || g == null || !g.get(GarmentSlot.of(slot)).worn()) {
                        continue;
                    }
                    n++;
                    stated += g.get(GarmentSlot.of(slot)).confidence();
                    right += truth.equals(photos.get(i).predicted().get(slot)) ? 1 : 0;
                }
                sb.append(n == 0 ? " - |" : String.format(Locale.ROOT, " %s / %s |", pct(stated / n), pct((double) right / n)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
