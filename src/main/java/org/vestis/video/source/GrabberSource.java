package org.vestis.video.source;

import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.VideoFrame;

import java.io.IOException;

/**
 * Frames from a device grabber, stamped with the time since opening (device clocks vary too much to
 * trust). The first frame is read at once: a device node that opens but never delivers counts as no camera.
 */
final class GrabberSource implements FrameSource {
    private final FrameGrabber grabber;
    private final String description;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final long startNanos = System.nanoTime();
    private VideoFrame pending;
    private long nextIndex;
    private boolean closed;

    /** Starts {@code grabber} and takes ownership of it, also when starting or the first read fails. */
    GrabberSource(FrameGrabber grabber, String description) throws IOException {
        this.grabber = grabber;
        this.description = description;
        try {
            grabber.start();
            pending = grab();
        } catch (FrameGrabber.Exception e) {
            close();
            throw new IOException("opening " + description + " failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (pending == null) {
            close();
            throw new IOException(description + " delivered no picture");
        }
    }

    private VideoFrame grab() throws IOException {
        Frame frame;
        try {
            frame = grabber.grab();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("reading " + description + " failed: " + e.getMessage(), e);
        }
        if (frame == null || frame.image == null) {
            return null;
        }
        Mat view = converter.convert(frame); // reused by the next grab
        return new VideoFrame(nextIndex++, (System.nanoTime() - startNanos) / 1e9, view.clone());
    }

    @Override
    public VideoFrame next() throws IOException {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        if (pending != null) {
            VideoFrame first = pending;
            pending = null;
            return first;
        }
        return grab();
    }

    @Override
    public double frameRate() {
        double fps = grabber.getFrameRate();
        return Double.isFinite(fps) && fps > 0 ? fps : 0;
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
        if (closed) {
            return;
        }
        closed = true;
        if (pending != null) {
            pending.close();
            pending = null;
        }
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // The device is released either way.
        }
        converter.close();
    }
}
