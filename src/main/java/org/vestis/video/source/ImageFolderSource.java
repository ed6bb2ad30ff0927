package org.vestis.video.source;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.video.VideoFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * Every JPEG, PNG and BMP image in one folder (not its subfolders), in name order, as BGR frames. A file
 * OpenCV cannot read (damaged, empty, or declaring more pixels than OpenCV accepts) is skipped and its name kept,
 * never fatal: one bad photo must not stop a folder of thousands.
 * Photos may differ in size: each frame has its own. There is no clock: every frame's timestamp is 0.
 */
public final class ImageFolderSource implements FrameSource {
    private final Path folder;
    private final List<Path> files;
    private final int stride;
    private int nextFile;
    private final List<String> skipped = new ArrayList<>();
    private boolean closed;

    public ImageFolderSource(Path folder) {
        this(folder, 1);
    }

    /** With a stride k, reads images 0, k, 2k, ... of the sorted list; frame indices are positions in that list. */
    public ImageFolderSource(Path folder, int stride) {
        if (stride < 1) {
            throw new UserException("The stride must be 1 or more, not " + stride + ".");
        }
        if (!Files.isDirectory(folder)) {
            throw new UserException("The image folder " + folder + " does not exist; check the path.");
        }
        this.folder = folder;
        this.stride = stride;
        this.files = listImages(folder);
        if (files.isEmpty()) {
            throw new UserException("The folder " + folder + " holds no JPEG, PNG or BMP images; point at a folder of images.");
        }
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png") || name.endsWith(".bmp");
    }

    private static List<Path> listImages(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).filter(ImageFolderSource::isImage)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserException("The folder " + folder + " could not be listed (" + e.getMessage() + "); check its permissions.", e);
        }
    }

    /** The next readable image at or after {@code nextFile}, or null when none is left. */
    private VideoFrame read() {
        while (nextFile < files.size()) {
            int index = nextFile;
            nextFile += stride;
            Mat image;
            try {
                image = imread(files.get(index).toString(), IMREAD_COLOR);
            } catch (RuntimeException tooLargeOrBroken) { // OpenCV asserts on e.g. a header of 60000x60000 pixels
                skipped.add(files.get(index).getFileName().toString());
                continue;
            }
            if (image.empty()) {
                image.close();
                skipped.add(files.get(index).getFileName().toString());
                continue;
            }
            return new VideoFrame(index, 0.0, image, files.get(index).getFileName().toString());
        }
        return null;
    }

    @Override
    public VideoFrame next() {
        if (closed) {
            throw new IllegalStateException(description() + " is closed");
        }
        return read();
    }

    /** The names of the image files that could not be read so far, in the order they were met. */
    public List<String> skippedNames() {
        return List.copyOf(skipped);
    }

    @Override
    public double frameRate() {
        return 0;
    }

    /** Image files in the folder, readable or not. */
    @Override
    public long frameCount() {
        return files.size();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public String description() {
        return folder.toString();
    }

    @Override
    public void close() {
        closed = true;
    }
}
