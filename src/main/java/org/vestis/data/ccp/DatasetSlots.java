package org.vestis.data.ccp;

import org.vestis.io.OutputFiles;
import org.vestis.video.garment.SlotClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@value #FILE} a garment dataset carries beside its crops: which of its classes belong to which slot. `vestis
 * train` copies it into the bundle it makes, so a model trained on the dataset is a garment model at once (its
 * presence thresholds start at 0.5 until `garments-eval --choose-presence` chooses them).
 */
public final class DatasetSlots {
    /** The bundle file the pipeline reads. */
    public static final String FILE = SlotClasses.FILE;

    private DatasetSlots() {
    }

    /**
     * Writes the file for these classes (those outside the five slots, such as no-hat, are left out), or nothing and
     * false when a slot would have no class (a dataset cut with a high --min-train-crops).
     */
    public static boolean write(Path datasetDir, List<CcpSlots.SlotClass> classes) throws IOException {
        Map<String, List<String>> bySlot = new LinkedHashMap<>();
        CcpSlots.SLOTS.forEach(s -> bySlot.put(s, new ArrayList<>()));
        for (CcpSlots.SlotClass c : classes) {
            if (bySlot.containsKey(c.slot()) && !bySlot.get(c.slot()).contains(c.name())) {
                bySlot.get(c.slot()).add(c.name());
            }
        }
        if (bySlot.values().stream().anyMatch(List::isEmpty)) {
            return false;
        }
        StringBuilder sb = new StringBuilder("{\n  \"slots\": {\n");
        String sep = "";
        for (Map.Entry<String, List<String>> e : bySlot.entrySet()) {
            sb.append(sep).append(String.format(Locale.ROOT, "    \"%s\": [\"%s\"]", e.getKey(), String.join("\", \"", e.getValue())));
            sep = ",\n";
        }
        sb.append(String.format(Locale.ROOT, "%n  },%n  \"presence\": {\"headwear\": %s, \"outerwear\": %s}%n}%n",
                SlotClasses.DEFAULT_PRESENCE, SlotClasses.DEFAULT_PRESENCE));
        Files.writeString(datasetDir.resolve(FILE), sb.toString());
        return true;
    }

    /** Copies the dataset's file into the bundle; false when the dataset has none (not a garment dataset). */
    public static boolean copyInto(Path datasetDir, Path bundleDir) throws IOException {
        Path source = datasetDir.resolve(FILE);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        Path target = bundleDir.resolve(FILE);
        Path part = OutputFiles.partName(target);
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        OutputFiles.publish(part, target);
        return true;
    }
}
