package org.vestis.video.source;

import org.vestis.video.VideoFrame;

import java.io.IOException;

/**
 * Where frames come from: a webcam, a video file or stream URL, an image folder, an animated GIF.
 * Live sources drop stale frames (the newest frame wins); file sources return every frame, or every k-th
 * when a stride is set. Not thread-safe: one capture thread calls {@link #next()}.
 */
public interface FrameSource extends AutoCloseable {

    /** The next frame, owned by the caller (who must close it), or null at the end of the input. */
    VideoFrame next() throws IOException;

    /** Frames per second as the source reports it (0 when unknown, e.g. an image folder). */
    double frameRate();

    /** Total frames when known (files), otherwise -1. */
    long frameCount();

    /** Live sources (cameras, streams) drop frames to stay current; files never do. */
    boolean live();

    /** What this is, for messages: "camera 0", "videos/demo.mp4", ... */
    String description();

    @Override
    void close();
}
