package org.vestis.video.sink;

import org.vestis.video.FrameResult;
import org.vestis.video.VideoFrame;

import java.io.IOException;

/**
 * Receives every processed frame with its results, in order: an annotated video, a timeline, a window.
 * Sinks flush as they go, so that whatever was processed before a crash or Ctrl-C is kept; {@link #close()}
 * finalises the output (e.g. writes the video trailer, renames the temporary file).
 */
public interface FrameSink extends AutoCloseable {

    void accept(VideoFrame frame, FrameResult result) throws IOException;

    @Override
    void close() throws IOException;
}
