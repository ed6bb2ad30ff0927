package org.vestis.video.sink;

import org.vestis.OutputFiles;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The confirmed tracks in the MOTChallenge text format, so that any MOT tool (and `vestis score-tracks`) can score
 * them: one line per track per frame, {@code frame,id,left,top,width,height,score,-1,-1,-1}, frames counted from 1
 * as in the source (a stride leaves gaps). Tracks are written whole, as offline trackers publish them
 * ({@link MotTrackRows}): from their first frame, with gaps of up to {@code maxGap} frames interpolated (score -1 on
 * those lines, as nothing was detected there). Written to a temporary name, flushed every frame, renamed on close.
 */
public final class MotChallengeSink implements FrameSink {
    private final Path file;
    private final Path part;
    private final BufferedWriter out;
    private final MotTrackRows rows;
    private boolean closed;

    /** @param maxGap the longest run of frames without a track's box that is filled in (0: none) */
    public MotChallengeSink(Path file, int maxGap) {
        this.file = file;
        this.rows = new MotTrackRows(maxGap);
        this.part = OutputFiles.partName(file);
        OutputFiles.createParent(file);
        try {
            this.out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("The MOT file " + part + " could not be created; check that its folder is writable.", e);
        }
    }

    @Override
    public void accept(VideoFrame frame, FrameResult result) throws IOException {
        if (closed) {
            throw new IllegalStateException("the MOT file " + file + " is closed");
        }
        int frameNumber = Math.toIntExact(result.frameIndex() + 1);
        List<MotTrackRows.TrackBox> tracks = new ArrayList<>();
        for (TrackResult track : result.tracks()) {
            tracks.add(new MotTrackRows.TrackBox(track.trackId(), track.confirmed(), track.detection().box(), track.detection().score()));
        }
        for (MotTrackRows.Row row : rows.frame(frameNumber, tracks)) {
            Box b = row.box();
            out.write(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%.4f,-1,-1,-1%n", row.frame(), row.trackId(),
                    b.x(), b.y(), b.width(), b.height(), Double.isNaN(row.score()) ? -1.0 : row.score()));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
        OutputFiles.publish(part, file);
    }
}
