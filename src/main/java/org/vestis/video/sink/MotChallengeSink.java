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
import java.util.Locale;

/**
 * The confirmed tracks in the MOTChallenge text format, so that any MOT tool (and `vestis score-tracks`) can score
 * them: one line per track per frame, {@code frame,id,left,top,width,height,score,-1,-1,-1}, frames counted from 1
 * as in the source (a stride leaves gaps). Written to a temporary name, flushed every frame, renamed on close.
 */
public final class MotChallengeSink implements FrameSink {
    private final Path file;
    private final Path part;
    private final BufferedWriter out;
    private boolean closed;

    public MotChallengeSink(Path file) {
        this.file = file;
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
        for (TrackResult track : result.tracks()) {
            if (track.confirmed()) {
                Box b = track.detection().box();
                out.write(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%.4f,-1,-1,-1%n", result.frameIndex() + 1,
                        track.trackId(), b.x(), b.y(), b.width(), b.height(), track.detection().score()));
            }
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
