package org.vestis.video.sink;

import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;

import java.io.IOException;
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
    private final PartTextFile out;
    private final MotTrackRows rows;

    /** @param maxGap the longest run of frames without a track's box that is filled in (0: none) */
    public MotChallengeSink(Path file, int maxGap) {
        this.out = new PartTextFile(file, "MOT file");
        this.rows = new MotTrackRows(maxGap);
    }

    @Override
    public void accept(VideoFrame frame, FrameResult result) throws IOException {
        int frameNumber = Math.toIntExact(result.frameIndex() + 1);
        List<MotTrackRows.TrackBox> tracks = new ArrayList<>();
        for (TrackResult track : result.tracks()) {
            tracks.add(new MotTrackRows.TrackBox(track.trackId(), track.confirmed(), track.detection().box(), track.detection().score()));
        }
        for (MotTrackRows.Row row : rows.frame(frameNumber, tracks)) {
            Box b = row.box();
            out.writeLine(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%.4f,-1,-1,-1", row.frame(), row.trackId(),
                    b.x(), b.y(), b.width(), b.height(), Double.isNaN(row.score()) ? -1.0 : row.score()));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
