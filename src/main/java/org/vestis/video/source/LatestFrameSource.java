package org.vestis.video.source;

import org.vestis.video.VideoFrame;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Makes any source live: a grab thread reads it as fast as it delivers and keeps only the newest frame, so a
 * slow consumer sees current pictures instead of a growing backlog. {@link #next()} waits for a frame newer
 * than the one it returned last; frames replaced before anyone took them are closed and counted.
 * The grab thread owns the wrapped source from construction on and closes it when it stops.
 */
public final class LatestFrameSource implements FrameSource {
    private static final long JOIN_MILLIS = 2_000;

    private final FrameSource inner;
    private final String description;
    private final double frameRate;
    private final Object lock = new Object();
    private final Thread grabThread;
    private VideoFrame newest; // guarded by lock
    private boolean ended; // guarded by lock
    private Throwable failure; // guarded by lock
    private volatile boolean closing;

    public LatestFrameSource(FrameSource inner) {
        this.inner = inner;
        // Read once here: the grab thread is the only one to touch inner afterwards.
        this.description = inner.description();
        this.frameRate = inner.frameRate();
        this.grabThread = new Thread(this::grabLoop, "grab " + description);
        grabThread.setDaemon(true); // a camera stuck in a native read must not keep the JVM alive
        grabThread.start();
    }

    private void grabLoop() {
        Throwable error = null;
        try {
            while (!closing) {
                VideoFrame frame = inner.next();
                if (frame == null) {
                    break;
                }
                synchronized (lock) {
                    if (closing) {
                        frame.close();
                        break;
                    }
                    if (newest != null) {
                        newest.close(); // dropped: the newest frame wins
                    }
                    newest = frame;
                    lock.notifyAll();
                }
            }
        } catch (Throwable t) {
            error = t;
        } finally {
            inner.close();
            synchronized (lock) {
                failure = closing ? null : error;
                ended = true;
                lock.notifyAll();
            }
        }
    }

    @Override
    public VideoFrame next() throws IOException {
        synchronized (lock) {
            while (newest == null && !ended && !closing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a frame from " + description);
                }
            }
            if (newest != null) {
                VideoFrame frame = newest;
                newest = null;
                return frame;
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure != null) {
                throw new IOException("reading " + description + " failed", failure);
            }
            return null;
        }
    }

    @Override
    public double frameRate() {
        return frameRate;
    }

    @Override
    public long frameCount() {
        return -1;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            // Usually returns within one frame; if a native read hangs, the thread closes the source once it returns.
            grabThread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (newest != null) {
                newest.close();
                newest = null;
            }
        }
    }
}
