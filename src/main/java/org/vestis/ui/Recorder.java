package org.vestis.ui;

import org.vestis.video.FrameResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.sink.AnnotatedVideoSink;

import java.io.IOException;
import java.nio.file.Path;

/** The record button: an annotated video (the same sink as `vestis analyze`) that can start and stop at any time. */
final class Recorder {
    private AnnotatedVideoSink video; // guarded by this
    private Path file; // guarded by this
    private volatile Runnable onAbandon = () -> { };

    /** Told when a failed write ended the recording (the record button goes back up). */
    void onAbandon(Runnable r) {
        onAbandon = r;
    }

    synchronized void start(Path file, double frameRate) {
        stop();
        this.video = new AnnotatedVideoSink(file, frameRate);
        this.file = file;
    }

    /** Called from the pipeline's output thread for every frame. */
    synchronized void accept(VideoFrame frame, FrameResult result) throws IOException {
        if (video != null) {
            video.accept(frame, result);
        }
    }

    /** After a write failed: finish what can be finished, quietly. */
    synchronized void abandon() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already reported by the caller
        }
        onAbandon.run();
    }

    /** Finishes the video; returns its file, or null when nothing was recording (or no frame arrived). */
    synchronized Path stop() {
        if (video == null) {
            return null;
        }
        try {
            video.close();
            return java.nio.file.Files.exists(file) ? file : null;
        } catch (IOException e) {
            throw new org.vestis.UserException("The recording " + file + " could not be finished: " + e.getMessage(), e);
        } finally {
            video = null;
        }
    }
}
