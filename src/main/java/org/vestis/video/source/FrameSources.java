package org.vestis.video.source;

import org.vestis.UserException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Opens the right source for what the user typed. */
public final class FrameSources {
    private FrameSources() {
    }

    /**
     * A camera index ("0") or device ("/dev/video0") opens a camera (the stride does not apply: cameras drop
     * stale frames anyway); an existing folder opens its images; a URL opens a stream (live ones keep only
     * the newest frame); an existing file opens as a video. A bare number always means a camera.
     */
    /**
     * That an input which names a file or folder exists, without opening it (cameras and URLs are only known once
     * opened): for commands that should refuse a mistyped path before a window opens.
     */
    public static void checkExists(String spec) {
        String s = spec.trim();
        if (Locations.isCamera(s) || Locations.isUrl(s)) {
            return;
        }
        try {
            if (Files.exists(Path.of(s))) {
                return;
            }
        } catch (InvalidPathException e) {
            throw new UserException("Input " + s + " is not a valid path; give a video file, an image folder, a camera index such as 0, or a stream URL.", e);
        }
        throw new UserException("Input " + s + " does not exist; give a video file, an image folder, a camera index such as 0, or a stream URL.");
    }

    public static FrameSource open(String spec, int stride) {
        if (stride < 1) {
            throw new UserException("The stride must be 1 or more, not " + stride + ".");
        }
        String s = spec.trim();
        if (Locations.isCamera(s)) {
            return new CameraSource(s);
        }
        if (Locations.isUrl(s)) {
            VideoFileSource stream = new VideoFileSource(s, stride);
            return stream.live() ? new LatestFrameSource(stream) : stream;
        }
        Path path;
        try {
            path = Path.of(s);
        } catch (InvalidPathException e) {
            throw new UserException("Input " + s + " is not a valid path; give a video file, an image folder, a camera index such as 0, or a stream URL.", e);
        }
        if (Files.isDirectory(path)) {
            return new ImageFolderSource(path, stride);
        }
        if (Files.isRegularFile(path)) {
            return new VideoFileSource(path, stride);
        }
        throw new UserException("Input " + s + " does not exist; give a video file, an image folder, a camera index such as 0, or a stream URL.");
    }
}
