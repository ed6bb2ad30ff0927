package org.vestis.video.analysis;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The file-name stem of each input's outputs in one run: the input's name without its extension, letters of any
 * script and digits kept (视频.mp4 gives 视频), anything else that could upset a file system or a shell made "_";
 * a name already given in this run gets "-2", "-3", ... (day1/cam.mp4 and day2/cam.mp4: cam and cam-2).
 */
public final class OutputStems {
    private final Set<String> used = new HashSet<>();

    public String next(String input) {
        String base = stem(input);
        String candidate = base;
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    public static String stem(String input) {
        String name = Path.of(input.replaceAll("[?#].*$", "")).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String safe = base.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "input" + safe : safe;
    }
}
