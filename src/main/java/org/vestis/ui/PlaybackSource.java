package org.vestis.ui;

import org.vestis.video.VideoFrame;
import org.vestis.video.source.FrameSource;
import org.vestis.video.source.FrameSources;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A source as the window plays it: files and image folders at their own frame rate (folders one image a second)
 * and in a loop, cameras and streams as they come; with pause and single step. It outlives pipeline runs, so a
 * model switch continues the clip where it was: {@link #detach()} makes the current run's waiting read return.
 */
final class PlaybackSource implements FrameSource {
    private static final double FOLDER_SECONDS_PER_IMAGE = 1.0;

    private final String spec;
    private final Object lock = new Object();
    private FrameSource current;
    private long indexOffset;
    private double timeOffset;
    private long lastIndex = -1;
    private double lastTime;
    private long anchorNanos;
    private long sinceAnchor;
    private boolean paused; // guarded by lock
    private int steps; // guarded by lock
    private long generation; // guarded by lock
    private volatile boolean closed;

    PlaybackSource(String spec) {
        this.spec = spec;
        this.current = FrameSources.open(spec, 1);
    }

    void setPaused(boolean value) {
        synchronized (lock) {
            paused = value;
            steps = 0;
            lock.notifyAll();
        }
    }

    /** While paused: let exactly one more frame through. */
    void step() {
        synchronized (lock) {
            steps++;
            lock.notifyAll();
        }
    }

    /** A read waiting (paused, or pacing) returns null at once, so the pipeline reading it can stop. */
    void detach() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    @Override
    public VideoFrame next() throws IOException {
        long myGeneration;
        synchronized (lock) {
            myGeneration = generation;
            boolean waited = false;
            while (paused && steps == 0 && generation == myGeneration && !closed) {
                waited = true;
                await(0);
            }
            if (generation != myGeneration || closed) {
                return null;
            }
            if (steps > 0) {
                steps--;
            }
            if (waited) {
                anchorNanos = 0; // resume in real time from here, not catch up on the pause
            }
        }
        VideoFrame frame = current.next();
        if (frame == null && !current.live() && lastIndex >= 0) {
            // The end of a file or folder: start again, with indices and times continuing.
            indexOffset += lastIndex + 1;
            timeOffset += lastTime + period();
            lastIndex = -1;
            current.close();
            current = FrameSources.open(spec, 1);
            frame = current.next();
        }
        if (frame == null) {
            return null;
        }
        lastIndex = frame.index();
        lastTime = frame.timestampSeconds();
        if (!current.live() && !pace(myGeneration)) {
            frame.close();
            return null;
        }
        return new VideoFrame(frame.index() + indexOffset, frame.timestampSeconds() + timeOffset, frame.image(), frame.file());
    }

    private double period() {
        double fps = current.frameRate();
        return fps > 0 && Double.isFinite(fps) ? 1 / fps : FOLDER_SECONDS_PER_IMAGE;
    }

    /** Waits until this frame is due; false when detached meanwhile. */
    private boolean pace(long myGeneration) throws InterruptedIOException {
        long now = System.nanoTime();
        if (anchorNanos == 0) {
            anchorNanos = now;
            sinceAnchor = 0;
            return true;
        }
        sinceAnchor++;
        long due = anchorNanos + (long) (sinceAnchor * period() * 1e9);
        synchronized (lock) {
            while (generation == myGeneration && !closed && (now = System.nanoTime()) < due) {
                await(Math.max(1, (due - now) / 1_000_000));
            }
            if (now - due > 1_000_000_000L) {
                anchorNanos = 0; // far behind (slow inference): restart the clock instead of racing to catch up
            }
            return generation == myGeneration && !closed;
        }
    }

    private void await(long millis) throws InterruptedIOException {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + spec);
        }
    }

    @Override
    public double frameRate() {
        return current.frameRate();
    }

    @Override
    public long frameCount() {
        return -1; // it loops
    }

    @Override
    public boolean live() {
        return current.live();
    }

    @Override
    public String description() {
        return current.description();
    }

    /** Call after the pipeline reading it has stopped. */
    @Override
    public void close() {
        closed = true;
        detach();
        current.close();
    }
}
