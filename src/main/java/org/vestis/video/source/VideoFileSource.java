package org.vestis.video.source;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.video.VideoFrame;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A video file, animated GIF or stream URL decoded by FFmpeg. With a stride k it returns frames 0, k, 2k, ...
 * (indices count every decoded frame). A stream URL reports {@code live()} but does not itself drop frames:
 * {@link FrameSources#open} wraps it in a {@link LatestFrameSource} for that.
 */
public final class VideoFileSource implements FrameSource {
    private static final String STREAM_TIMEOUT_MICROS = "10000000";

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg would otherwise print every stream's layout
    }

    private final String description;
    private final int stride;
    private final boolean live;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final double frameRate;
    private final long frameCount;
    private long nextIndex;
    private boolean ended;
    private boolean closed;

    public VideoFileSource(Path file) {
        this(file, 1);
    }

    public VideoFileSource(Path file, int stride) {
        this(file.toString(), stride);
    }

    /** A file path or a URL (rtsp, rtmp, udp, http(s), ...). */
    public VideoFileSource(String location, int stride) {
        if (stride < 1) {
            throw new UserException("The stride must be 1 or more, not " + stride + ".");
        }
        boolean url = Locations.isUrl(location);
        if (!url) {
            checkFile(Path.of(location));
        }
        this.description = Locations.redact(location);
        this.stride = stride;
        this.live = Locations.isLiveUrl(location);
        this.grabber = new FFmpegFrameGrabber(location);
        if (url) {
            // Without these a dead server blocks the capture thread forever.
            grabber.setOption("rw_timeout", STREAM_TIMEOUT_MICROS);
            if (location.regionMatches(true, 0, "rtsp", 0, 4)) {
                grabber.setOption("timeout", STREAM_TIMEOUT_MICROS);
            }
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly();
            throw new UserException(url
                    ? "Could not open the stream " + description + "; check the address and that the stream is running."
                    : "Could not read the video " + description + ": it is damaged or not a video format FFmpeg knows; check the file.", e);
        }
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            releaseQuietly();
            throw new UserException("The input " + description + " has no video picture; give a video file, GIF or stream.");
        }
        double fps = grabber.getFrameRate();
        this.frameRate = Double.isFinite(fps) && fps > 0 ? fps : 0;
        int length = live ? -1 : grabber.getLengthInVideoFrames();
        this.frameCount = length > 0 ? length : -1;
    }

    private static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new UserException("The video file " + file + " does not exist; check the path.");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException("The input " + file + " is not a video file; give a video file, an image folder or a camera.");
        }
    }

    @Override
    public VideoFrame next() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        while (!ended) {
            long index = nextIndex;
            boolean wanted = index % stride == 0;
            Frame frame;
            try {
                // Skipped frames must still be decoded (later frames depend on them) but need no colour conversion.
                frame = grabber.grabFrame(false, true, wanted, false, false);
            } catch (FrameGrabber.Exception e) {
                throw new UserException((live ? "The stream " : "The video ") + description + " could not be decoded after frame "
                        + index + "; " + (live ? "check the connection." : "the file is probably damaged."), e);
            }
            if (frame == null) {
                ended = true;
                return null;
            }
            if (frame.image == null) {
                continue; // a packet without a picture
            }
            nextIndex++;
            if (wanted) {
                Mat view = converter.convert(frame); // points into the grabber's buffer, reused by the next grab
                return new VideoFrame(index, frame.timestamp / 1e6, view.clone());
            }
        }
        return null;
    }

    @Override
    public double frameRate() {
        return frameRate;
    }

    /** FFmpeg's count from the container (an estimate for GIFs), -1 for streams and when unknown. */
    @Override
    public long frameCount() {
        return frameCount;
    }

    @Override
    public boolean live() {
        return live;
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
        releaseQuietly();
    }

    private void releaseQuietly() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Nothing useful to do: the native context is freed either way.
        }
        converter.close();
    }
}
