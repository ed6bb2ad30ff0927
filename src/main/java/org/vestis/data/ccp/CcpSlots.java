package org.vestis.data.ccp;

import org.vestis.io.InputFiles;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CCP's label indices mapped to Vestis garment slots: {@code labels.txt} (one label per line, the line number from 0
 * is the pixel value in the masks) and {@code slots.csv} ({@code label,slot,class}; '#' lines are comments).
 * Labels slots.csv does not list (skin, hair, bags, ...) belong to no slot.
 */
public final class CcpSlots {
    /** The five slots a person is described by, in this order. */
    public static final List<String> SLOTS = List.of("headwear", "outerwear", "top", "bottom", "footwear");

    /** One garment class of one slot. */
    public record SlotClass(String slot, String name) {
        public String id() {
            return slot + "/" + name;
        }
    }

    private final List<String> labels;
    private final SlotClass[] byIndex;
    private final List<SlotClass> classes;

    private CcpSlots(List<String> labels, SlotClass[] byIndex, List<SlotClass> classes) {
        this.labels = labels;
        this.byIndex = byIndex;
        this.classes = classes;
    }

    public static CcpSlots read(Path labelsFile, Path slotsFile) {
        List<String> labels = lines(labelsFile).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (labels.isEmpty()) {
            throw new UserException(labelsFile + " lists no labels.");
        }
        if (labels.size() > 256) {
            throw new UserException(labelsFile + " lists " + labels.size() + " labels; 8-bit masks can index at most 256.");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        SlotClass[] byIndex = new SlotClass[labels.size()];
        Map<String, SlotClass> classes = new LinkedHashMap<>();
        boolean header = true;
        int lineNo = 0;
        for (String raw : lines(slotsFile)) {
            lineNo++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                if (line.toLowerCase(Locale.ROOT).startsWith("label,")) {
                    continue;
                }
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new UserException(slotsFile + " line " + lineNo + " should read label,slot,class but reads \"" + line + "\".");
            }
            String label = f[0].trim();
            String slot = f[1].trim();
            String name = f[2].trim();
            Integer i = index.get(label);
            if (i == null) {
                throw new UserException(slotsFile + " line " + lineNo + " names the label \"" + label + "\", which " + labelsFile.getFileName() + " does not list.");
            }
            if (!SLOTS.contains(slot)) {
                throw new UserException(slotsFile + " line " + lineNo + " names the slot \"" + slot + "\"; slots are " + String.join(", ", SLOTS) + ".");
            }
            if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new UserException(slotsFile + " line " + lineNo + " names the class \"" + name + "\"; a class is letters, digits, '.', '_' or '-'.");
            }
            if (i == 0) {
                throw new UserException(slotsFile + " line " + lineNo + " maps \"" + label + "\", the background label (0), to a slot.");
            }
            SlotClass c = classes.computeIfAbsent(slot + "/" + name, k -> new SlotClass(slot, name));
            if (byIndex[i] != null && !byIndex[i].equals(c)) {
                throw new UserException(slotsFile + " maps the label \"" + label + "\" twice (" + byIndex[i].id() + " and " + c.id() + ").");
            }
            byIndex[i] = c;
        }
        if (classes.isEmpty()) {
            throw new UserException(slotsFile + " maps no label to a slot.");
        }
        Map<String, SlotClass> names = new HashMap<>();
        for (SlotClass c : classes.values()) {
            SlotClass other = names.put(c.name(), c);
            if (other != null) {
                throw new UserException(slotsFile + " uses the class \"" + c.name() + "\" in two slots (" + other.slot() + ", " + c.slot() + "); class names must be unique.");
            }
        }
        List<SlotClass> ordered = new ArrayList<>(classes.values());
        ordered.sort((a, b) -> SLOTS.indexOf(a.slot()) - SLOTS.indexOf(b.slot()));
        return new CcpSlots(List.copyOf(labels), byIndex, List.copyOf(ordered));
    }

    private static List<String> lines(Path file) {
        InputFiles.requireFile(file, "The file", "");
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserException(file + " could not be read: " + e.getMessage() + ".", e);
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** Every class, slot by slot (in {@link #SLOTS} order), within a slot in slots.csv order. */
    public List<SlotClass> classes() {
        return classes;
    }

    /** The class of a mask pixel value, or null for background and labels of no slot (also out-of-range values). */
    public SlotClass classOf(int pixel) {
        return pixel >= 0 && pixel < byIndex.length ? byIndex[pixel] : null;
    }

    /** Per pixel value 0-255, the index of its class in {@link #classes()}, or -1. */
    public int[] lookupTable() {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            SlotClass c = classOf(v);
            table[v] = c == null ? -1 : classes.indexOf(c);
        }
        return table;
    }
}
