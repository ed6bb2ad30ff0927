package org.vestis.video.source;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.vestis.UserException;
import org.vestis.video.VideoFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A webcam by index ("0") or device path ("/dev/video0"). Opened with OpenCV's capture first and, on Linux,
 * FFmpeg's video4linux2 input as the fallback. Live: the newest frame wins (see {@link LatestFrameSource}).
 */
public final class CameraSource implements FrameSource {
    private final LatestFrameSource frames;

    public CameraSource(String device) {
        this.frames = new LatestFrameSource(open(device.trim()));
    }

    private static FrameSource open(String device) {
        boolean byIndex = device.matches("\\d+");
        String description = "camera " + device;
        Exception failure = null; // kept as the cause, for --verbose
        if (openCvCanOpen(device, byIndex)) {
            try {
                return new GrabberSource(byIndex ? new OpenCVFrameGrabber(Integer.parseInt(device)) : new OpenCVFrameGrabber(device),
                        description);
            } catch (IOException | RuntimeException e) {
                failure = e; // try FFmpeg next
            }
        }
        String path = byIndex ? "/dev/video" + device : device;
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux && Files.exists(Path.of(path))) {
            FFmpegFrameGrabber ffmpeg = new FFmpegFrameGrabber(path);
            ffmpeg.setFormat("video4linux2");
            try {
                return new GrabberSource(ffmpeg, description);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        throw new UserException("No camera could be opened at " + device
                + "; check that a camera is connected and that you may use it (e.g. the video group), or give a video file instead.",
                failure);
    }

    /**
     * OpenCVFrameGrabber.start() retries reading for ten seconds even when nothing opened; asking OpenCV
     * directly first makes "no camera" a quick answer.
     */
    private static boolean openCvCanOpen(String device, boolean byIndex) {
        try (VideoCapture probe = byIndex ? new VideoCapture(Integer.parseInt(device)) : new VideoCapture(device)) {
            boolean opened = probe.isOpened();
            probe.release();
            return opened;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public VideoFrame next() throws IOException {
        return frames.next();
    }

    @Override
    public double frameRate() {
        return frames.frameRate();
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
        return frames.description();
    }

    @Override
    public void close() {
        frames.close();
    }
}
