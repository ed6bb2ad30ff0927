package org.vestis.video.sink;

import org.vestis.io.OutputFiles;
import org.vestis.model.Prediction;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.PersonGarments;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One CSV row per track: where it starts and ends, how many frames saw it, whether it was ever confirmed,
 * and its latest smoothed label; with a garment model also its latest slots (class, colour, confidence per slot). Written on {@link #close()}, and also every couple of seconds while running
 * (to a temporary file renamed over the CSV), so Ctrl-C or a crash leaves a recent, complete file.
 */
public final class TrackCsvSink implements FrameSink {
    static final String HEADER = "track,first_frame,last_frame,first_time,last_time,frames_seen,confirmed,label,confidence";
    private static final Duration DEFAULT_REWRITE_EVERY = Duration.ofSeconds(2);

    private final Path file;
    private final Path tmp;
    private final long rewriteNanos;
    private final Map<Integer, Row> rows = new TreeMap<>();
    private long lastWriteNanos = System.nanoTime();
    private boolean dirty;
    private boolean garmentModel;
    private boolean closed;

    private static final class Row {
        long firstFrame;
        long lastFrame;
        double firstTime;
        double lastTime;
        long framesSeen;
        boolean confirmed;
        String label;
        double confidence;
        PersonGarments garments;
    }

    public TrackCsvSink(Path file) {
        this(file, DEFAULT_REWRITE_EVERY);
    }

    /** {@code rewriteEvery}: the wall time between intermediate rewrites (zero rewrites after every frame). */
    public TrackCsvSink(Path file, Duration rewriteEvery) {
        this.file = file;
        this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
        this.rewriteNanos = rewriteEvery.toNanos();
        OutputFiles.createParent(file);
    }

    @Override
    public void accept(VideoFrame frame, FrameResult result) throws IOException {
        if (closed) {
            throw new IllegalStateException("the track table " + file + " is closed");
        }
        for (TrackResult t : result.tracks()) {
            Row row = rows.get(t.trackId());
            if (row == null) {
                row = new Row();
                row.firstFrame = result.frameIndex();
                row.firstTime = result.timestampSeconds();
                rows.put(t.trackId(), row);
            }
            row.lastFrame = result.frameIndex();
            row.lastTime = result.timestampSeconds();
            row.framesSeen++;
            row.confirmed |= t.confirmed();
            Prediction smoothed = t.smoothedLabel();
            if (smoothed != null && !smoothed.top().isEmpty()) {
                row.label = smoothed.top().get(0).label();
                row.confidence = smoothed.top().get(0).probability();
            }
            if (t.garments() != null) {
                row.garments = t.garments();
                garmentModel = true;
            }
            dirty = true;
        }
        long now = System.nanoTime();
        if (dirty && now - lastWriteNanos >= rewriteNanos) {
            write();
            lastWriteNanos = now;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        write();
    }

    private void write() throws IOException {
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            if (garmentModel) {
                out.write(SlotColumns.HEADER);
            }
            out.write('\n');
            for (Map.Entry<Integer, Row> e : rows.entrySet()) {
                Row r = e.getValue();
                out.write(String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.3f,%d,%b,%s,%s", e.getKey(), r.firstFrame, r.lastFrame,
                        r.firstTime, r.lastTime, r.framesSeen, r.confirmed, SlotColumns.quoted(r.label),
                        r.label == null ? "" : String.format(Locale.ROOT, "%.4f", r.confidence)));
                if (garmentModel) {
                    out.write(SlotColumns.cells(r.garments == null ? PersonGarments.unseen() : r.garments));
                }
                out.write('\n');
            }
        }
        OutputFiles.publish(tmp, file);
        dirty = false;
    }
}
