package org.vestis.video.garment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vestis.UserException;
import org.vestis.io.OutputFiles;
import org.vestis.video.GarmentSlot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a garment model's classes belong to which slot, and the presence thresholds of the optional slots: the
 * bundle's {@value #FILE}. A bundle with this file is a garment model, and the pipeline describes people by slots
 * with it; other bundles give one label per person as before.
 * <pre>
 * {"slots": {"headwear": ["hat"], "outerwear": ["outerwear"], "top": ["t-shirt", ...], ...},
 *  "presence": {"headwear": 0.4, "outerwear": 0.5}}
 * </pre>
 * A presence threshold applies to the summed probability of the slot's classes on its body part's crop; it is chosen
 * on validation photos ({@code vestis garments-eval --choose-presence}). An optional {@code "temperature": T} (default 1)
 * softens the confidence stated for the other slots: the slot's class probabilities raised to 1/T and renormalised,
 * the same class winning. A network trained to 100% on its few training crops states 78% for bottoms it gets 64% right;
 * T is chosen on validation photos so that stated confidences match how often the answer is right
 * ({@code vestis garments-eval --calibrate}), which also fits an optional {@code "presenceCalibration":
 * {"outerwear": [scale, offset], ...}}: the confidence stated for headwear and outerwear is then the probability that
 * the garment is worn ({@link PresenceCalibration}), while the decision stays on the score and its threshold.
 */
public record SlotClasses(Map<GarmentSlot, List<Integer>> classIndices, Map<GarmentSlot, Double> presence, List<String> labels,
                          double temperature, Map<GarmentSlot, PresenceCalibration> presenceCalibration) {
    public static final String FILE = "garments.json";
    /** Presence threshold of an optional slot the file gives none for. */
    public static final double DEFAULT_PRESENCE = 0.5;
    /** The temperatures a file may give (beyond them every class would look equally likely, or certain). */
    public static final double MIN_TEMPERATURE = 0.25;
    public static final double MAX_TEMPERATURE = 10;

    public SlotClasses {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive: " + temperature);
        }
        classIndices = Map.copyOf(classIndices);
        presence = Map.copyOf(presence);
        presenceCalibration = Map.copyOf(presenceCalibration);
        labels = List.copyOf(labels);
    }

    /** The slot classes of the bundle in {@code bundleDir} (whose class list is {@code labels}), or empty without the file. */
    public SlotClasses(Map<GarmentSlot, List<Integer>> classIndices, Map<GarmentSlot, Double> presence, List<String> labels) {
        this(classIndices, presence, labels, 1, Map.of());
    }

    public static Optional<SlotClasses> read(Path bundleDir, List<String> labels) {
        Path file = bundleDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(new ObjectMapper().readTree(file.toFile()), labels, file.toString()));
        } catch (IOException e) {
            throw new UserException("The garment slot file " + file + " is not valid JSON (" + e.getMessage() + ").");
        }
    }

    static SlotClasses parse(JsonNode root, List<String> labels, String where) {
        Map<GarmentSlot, List<Integer>> indices = new EnumMap<>(GarmentSlot.class);
        JsonNode slots = root.path("slots");
        for (GarmentSlot slot : GarmentSlot.values()) {
            JsonNode names = slots.path(slot.label());
            if (!names.isArray() || names.isEmpty()) {
                throw new UserException(where + " lists no classes for the slot " + slot.label() + "; every slot needs at least one.");
            }
            List<Integer> list = new ArrayList<>();
            for (JsonNode n : names) {
                int i = labels.indexOf(n.asText());
                if (i < 0) {
                    throw new UserException(where + " puts the class '" + n.asText() + "' in the slot " + slot.label()
                            + ", but the model has no such class (it has " + String.join(", ", labels) + ").");
                }
                list.add(i);
            }
            indices.put(slot, list);
        }
        Map<GarmentSlot, Double> presence = new EnumMap<>(GarmentSlot.class);
        for (GarmentSlot slot : GarmentSlot.values()) {
            if (slot.optional()) {
                double t = root.path("presence").path(slot.label()).asDouble(DEFAULT_PRESENCE);
                if (!(t > 0 && t < 1)) {
                    throw new UserException(where + " gives the slot " + slot.label() + " a presence threshold of " + t
                            + "; it must lie between 0 and 1.");
                }
                presence.put(slot, t);
            }
        }
        double temperature = root.path("temperature").asDouble(1);
        if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
            throw new UserException(where + " gives a temperature of " + root.path("temperature").asText()
                    + "; it must lie between " + MIN_TEMPERATURE + " and " + MAX_TEMPERATURE + " (1: the network's own confidences).");
        }
        Map<GarmentSlot, PresenceCalibration> calibration = new EnumMap<>(GarmentSlot.class);
        for (GarmentSlot slot : GarmentSlot.values()) {
            JsonNode pair = root.path("presenceCalibration").path(slot.label());
            if (!slot.optional() || pair.isMissingNode()) {
                continue;
            }
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw new UserException(where + " gives the slot " + slot.label() + " a presenceCalibration of " + pair
                        + "; it must be [scale, offset], two numbers (written by garments-eval --calibrate).");
            }
            calibration.put(slot, new PresenceCalibration(pair.get(0).asDouble(), pair.get(1).asDouble()));
        }
        return new SlotClasses(indices, presence, labels, temperature, calibration);
    }

    /** The summed probability of the slot's classes. */
    public double score(GarmentSlot slot, float[] probabilities) {
        double sum = 0;
        for (int i : classIndices.get(slot)) {
            sum += probabilities[i];
        }
        return sum;
    }

    /**
     * The slot's most probable class and its probability among the slot's classes alone (renormalised after the
     * {@link #temperature}).
     */
    public Map.Entry<String, Double> best(GarmentSlot slot, float[] probabilities) {
        int best = -1;
        for (int i : classIndices.get(slot)) {
            if (best < 0 || probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return Map.entry(labels.get(best), distribution(slot, probabilities).get(labels.get(best)));
    }

    /** The slot's classes with their probabilities among them alone, after the temperature (in the file's order). */
    public Map<String, Double> distribution(GarmentSlot slot, float[] probabilities) {
        double sum = 0;
        for (int i : classIndices.get(slot)) {
            sum += tempered(probabilities[i]);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i : classIndices.get(slot)) {
            out.put(labels.get(i), sum > 0 ? tempered(probabilities[i]) / sum : 1.0 / classIndices.get(slot).size());
        }
        return out;
    }

    private double tempered(float p) {
        return temperature == 1 ? p : Math.pow(p, 1 / temperature);
    }

    public double presenceThreshold(GarmentSlot slot) {
        return presence.getOrDefault(slot, DEFAULT_PRESENCE);
    }

    /** The same classes with other presence thresholds (slots {@code presence} leaves out keep theirs). */
    public SlotClasses withPresence(Map<GarmentSlot, Double> thresholds) {
        Map<GarmentSlot, Double> p = new EnumMap<>(GarmentSlot.class);
        p.putAll(presence);
        p.putAll(thresholds);
        return new SlotClasses(classIndices, p, labels, temperature, presenceCalibration);
    }

    /** The same classes and thresholds with another temperature. */
    public SlotClasses withTemperature(double t) {
        return new SlotClasses(classIndices, presence, labels, t, presenceCalibration);
    }

    /** The same with these presence calibrations (slots it leaves out keep theirs). */
    public SlotClasses withPresenceCalibration(Map<GarmentSlot, PresenceCalibration> calibration) {
        Map<GarmentSlot, PresenceCalibration> c = new EnumMap<>(GarmentSlot.class);
        c.putAll(presenceCalibration);
        c.putAll(calibration);
        return new SlotClasses(classIndices, presence, labels, temperature, c);
    }

    /** How likely the optional slot's garment is worn given the network's score for it (the score itself when not calibrated). */
    public double presenceProbability(GarmentSlot slot, double score) {
        return presenceCalibration.getOrDefault(slot, PresenceCalibration.IDENTITY).probability(score);
    }

    /**
     * Writes these presence thresholds into the bundle's {@value #FILE}, leaving the rest of the file as it is written
     * (its "presence" object is replaced, or added when missing).
     */
    public void writePresence(Path bundleDir) {
        StringBuilder object = new StringBuilder("{");
        String sep = "";
        for (GarmentSlot slot : GarmentSlot.values()) {
            if (slot.optional()) {
                object.append(sep).append(String.format(Locale.ROOT, "\"%s\": %s", slot.label(), presenceThreshold(slot)));
                sep = ", ";
            }
        }
        writeKey(bundleDir, "presence", "\\{[^}]*}", object.append('}').toString(), "the presence thresholds");
    }

    /**
     * Writes this temperature and these presence calibrations into the bundle's {@value #FILE} (each replaced, or
     * added), the rest as it is.
     */
    public void writeCalibration(Path bundleDir) {
        writeKey(bundleDir, "temperature", "[-+0-9.eE]+", String.format(Locale.ROOT, "%s", temperature), "the temperature");
        StringBuilder object = new StringBuilder("{");
        String sep = "";
        for (GarmentSlot slot : GarmentSlot.values()) {
            PresenceCalibration c = presenceCalibration.get(slot);
            if (c != null) {
                object.append(sep).append(String.format(Locale.ROOT, "\"%s\": [%.4f, %.4f]", slot.label(), c.scale(), c.offset()));
                sep = ", ";
            }
        }
        writeKey(bundleDir, "presenceCalibration", "\\{[^}]*}", object.append('}').toString(), "the presence calibration");
    }

    private static void writeKey(Path bundleDir, String key, String valuePattern, String value, String what) {
        Path file = bundleDir.resolve(FILE);
        try {
            String text = Files.readString(file);
            String entry = "\"" + key + "\": " + value;
            Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*" + valuePattern).matcher(text);
            int end = text.lastIndexOf('}');
            String updated = m.find() ? text.substring(0, m.start()) + entry + text.substring(m.end())
                    : text.substring(0, end).stripTrailing() + ",\n  " + entry + "\n}" + text.substring(end + 1);
            new ObjectMapper().readTree(updated); // never leave a file the pipeline cannot read
            Path part = OutputFiles.partName(file);
            Files.writeString(part, updated);
            OutputFiles.publish(part, file);
        } catch (IOException e) {
            throw new UserException("Could not write " + what + " into " + file + ": " + e.getMessage() + ".", e);
        }
    }
}
