package org.vestis.video.track.eval;

import org.vestis.UserException;
import org.vestis.video.Box;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the MOTChallenge text format, {@code frame,id,left,top,width,height,conf,x,y,z} (6 to 10 numbers a line,
 * separated by commas or white space; frames count from 1; blank lines are skipped), so that any MOT tool's output
 * and the published ground truth can be scored. Ground-truth rows with conf 0 are ignored, as the MOTChallenge
 * evaluation does; result rows are all kept. MOT16/17's class and visibility columns are read but not used (MOT15
 * files have none). Every malformed line is a {@link UserException} naming the file and the line: a file that
 * scores silently wrong is worse than one that does not score.
 */
public final class MotFile {
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");
    private static final String COLUMNS = "frame,id,left,top,width,height,conf,x,y,z";

    private MotFile() {
    }

    /** The ground-truth boxes of {@code file}, without the rows whose conf (7th column) is 0. */
    public static List<MotBox> readGroundTruth(Path file) {
        return parse(file.toString(), lines(file), true, 1);
    }

    /**
     * Every box of a tracker's result file, with left, top, width and height multiplied by {@code scale}
     * (for tracks written on a resized copy of the video).
     */
    public static List<MotBox> readResult(Path file, double scale) {
        return parse(file.toString(), lines(file), false, scale);
    }

    /** The rows of {@code lines}; {@code name} is the file's name in error messages. */
    static List<MotBox> parse(String name, List<String> lines, boolean groundTruth, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        List<MotBox> boxes = new ArrayList<>();
        Map<List<Long>, Integer> firstLine = new HashMap<>(); // (frame, id) -> line, to refuse duplicates
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            double[] v = numbers(name, lineNo, line);
            if (v[0] < 1 || v[0] > Integer.MAX_VALUE || v[0] != Math.rint(v[0])) {
                throw bad(name, lineNo, "the frame must be a whole number from 1 up, found '" + text(v[0]) + "'");
            }
            if (v[1] != Math.rint(v[1]) || Math.abs(v[1]) > 1e15) {
                throw bad(name, lineNo, "the id must be a whole number, found '" + text(v[1]) + "'");
            }
            if (v[4] < 0 || v[5] < 0) {
                throw bad(name, lineNo, "width and height must not be negative, found " + text(v[4]) + " x " + text(v[5]));
            }
            if (groundTruth && v.length > 6 && v[6] == 0) {
                continue; // MOTChallenge: conf 0 marks a box the evaluation ignores
            }
            int frame = (int) v[0];
            long id = (long) v[1];
            Integer earlier = firstLine.putIfAbsent(List.of((long) frame, id), lineNo);
            if (earlier != null) {
                throw bad(name, lineNo, "id " + id + " appears twice in frame " + frame + " (also on line " + earlier + ")");
            }
            boxes.add(new MotBox(frame, id, new Box(v[2] * scale, v[3] * scale, v[4] * scale, v[5] * scale)));
        }
        return boxes;
    }

    private static double[] numbers(String name, int lineNo, String line) {
        String[] fields = SEPARATOR.split(line);
        if (fields.length < 6 || fields.length > 10) {
            throw expected(name, lineNo, line);
        }
        double[] v = new double[fields.length];
        for (int k = 0; k < fields.length; k++) {
            try {
                v[k] = Double.parseDouble(fields[k]);
            } catch (NumberFormatException e) {
                throw expected(name, lineNo, line);
            }
            if (!Double.isFinite(v[k])) {
                throw bad(name, lineNo, "'" + fields[k] + "' is not a finite number");
            }
        }
        return v;
    }

    private static List<String> lines(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException(file + " is a directory, not a MOT file.");
        }
        try {
            // Latin-1 never fails to decode: a stray byte becomes a line error with its number, not an I/O error.
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new UserException("No such MOT file: " + file + ".", e);
        } catch (AccessDeniedException e) {
            throw new UserException("Cannot read the MOT file " + file + " (permission denied).", e);
        } catch (IOException e) {
            throw new UserException("Cannot read the MOT file " + file + " (" + e.getMessage() + ").", e);
        }
    }

    private static UserException expected(String name, int lineNo, String line) {
        String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
        return bad(name, lineNo, "expected 6 to 10 comma-separated numbers (" + COLUMNS + "), found '" + shown + "'");
    }

    private static UserException bad(String name, int lineNo, String problem) {
        return new UserException(name + " line " + lineNo + ": " + problem + ".");
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
