package org.vestis.video.sink;

import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the tracks of consecutive frames into whole-track rows for a MOT file, as offline trackers publish them:
 * a track's tentative first frames are written once it is confirmed (a tentative track that ends is never
 * written), and a gap of up to {@code maxGap} frames in a confirmed track (the person hidden, or missed by the
 * detector) is filled by linear interpolation between the boxes on either side. Rows for earlier frames therefore
 * come out late; MOT tools read files in any order. Memory stays bounded: what could no longer be used is dropped.
 */
public final class MotTrackRows {
    private final int maxGap;
    private final Map<Integer, List<Row>> tentative = new HashMap<>();
    private final Map<Integer, Row> lastConfirmed = new HashMap<>();

    /** @param maxGap the longest run of missing frames filled in (0: none) */
    public MotTrackRows(int maxGap) {
        this.maxGap = maxGap;
    }

    /** The rows to write after frame {@code frame} (from 1), whose tracks are given as (id, confirmed, box). */
    public List<Row> frame(int frame, List<TrackBox> tracks) {
        List<Row> rows = new ArrayList<>();
        for (TrackBox t : tracks) {
            Row row = new Row(frame, t.trackId(), t.box(), t.score());
            if (!t.confirmed()) {
                tentative.computeIfAbsent(t.trackId(), k -> new ArrayList<>()).add(row);
                continue;
            }
            List<Row> start = tentative.remove(t.trackId());
            if (start != null) {
                rows.addAll(start);
            }
            Row last = lastConfirmed.get(t.trackId());
            if (last != null && frame - last.frame() > 1 && frame - last.frame() - 1 <= maxGap) {
                rows.addAll(between(last, row));
            }
            rows.add(row);
            lastConfirmed.put(t.trackId(), row);
        }
        forgetOlderThan(frame);
        return rows;
    }

    /** A track as a frame shows it. */
    public record TrackBox(int trackId, boolean confirmed, Box box, double score) {
    }

    /** One line of the MOT file; {@code score} is NaN on interpolated rows (nothing was detected there). */
    public record Row(int frame, int trackId, Box box, double score) {
    }

    /** Boxes for the frames strictly between {@code a} and {@code b}, on the straight line from one to the other. */
    static List<Row> between(Row a, Row b) {
        List<Row> out = new ArrayList<>();
        int span = b.frame() - a.frame();
        for (int f = a.frame() + 1; f < b.frame(); f++) {
            double t = (f - a.frame()) / (double) span;
            Box x = a.box();
            Box y = b.box();
            out.add(new Row(f, a.trackId(), new Box(x.x() + t * (y.x() - x.x()), x.y() + t * (y.y() - x.y()),
                    x.width() + t * (y.width() - x.width()), x.height() + t * (y.height() - x.height())), Double.NaN));
        }
        return out;
    }

    /** A tentative track not seen in the last frame has ended; a gap longer than maxGap is never filled. */
    private void forgetOlderThan(int frame) {
        for (Iterator<List<Row>> it = tentative.values().iterator(); it.hasNext(); ) {
            List<Row> rows = it.next();
            if (rows.get(rows.size() - 1).frame() < frame) {
                it.remove();
            }
        }
        lastConfirmed.values().removeIf(last -> frame - last.frame() > maxGap + 1);
    }
}
