package org.vestis.ui;

import org.vestis.video.FrameResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.sink.FrameSink;

import java.io.IOException;

/**
 * The pipeline's sink for the window: copies each processed frame into a Java image and hands it to the event
 * thread (newest wins), and feeds the recorder while one is running. Runs on the pipeline's output thread.
 */
final class WindowSink implements FrameSink {
    private static final double FPS_SMOOTHING = 0.1;

    private final FrameHandoff handoff;
    private final Recorder recorder;
    private final java.util.function.Consumer<String> onError;
    private long lastNanos;
    private double fps;

    WindowSink(FrameHandoff handoff, Recorder recorder, java.util.function.Consumer<String> onError) {
        this.handoff = handoff;
        this.recorder = recorder;
        this.onError = onError;
    }

    @Override
    public void accept(VideoFrame frame, FrameResult result) throws IOException {
        long now = System.nanoTime();
        if (lastNanos != 0) {
            double current = 1e9 / Math.max(1, now - lastNanos);
            fps = fps == 0 ? current : fps + FPS_SMOOTHING * (current - fps);
        }
        lastNanos = now;
        handoff.offer(new Shown(Images.toImage(frame.image()), result, fps));
        try {
            recorder.accept(frame, result);
        } catch (IOException | RuntimeException e) {
            // A full disk ends the recording, not the live view.
            onError.accept("Recording stopped: " + LiveController.message(e));
            recorder.abandon();
        }
    }

    /** The recorder outlives one pipeline run (model switches keep recording); the window stops it. */
    @Override
    public void close() {
    }
}
