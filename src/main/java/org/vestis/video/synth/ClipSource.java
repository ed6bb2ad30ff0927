package org.vestis.video.synth;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.FrameSource;

import java.util.List;

/**
 * A clip held in memory as a {@link FrameSource}, so that made-up frames ({@link PhotoClip}) go through the same
 * pipeline as a video file: every frame in order, each a copy the caller owns. The frames stay the caller's.
 */
public final class ClipSource implements FrameSource {
    private final String name;
    private final List<Mat> frames;
    private final double fps;
    private int next;

    public ClipSource(String name, List<Mat> frames, double fps) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("A clip needs frames");
        }
        this.name = name;
        this.frames = frames;
        this.fps = fps;
    }

    @Override
    public VideoFrame next() {
        if (next >= frames.size()) {
            return null;
        }
        int i = next++;
        return new VideoFrame(i, i / fps, frames.get(i).clone());
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public long frameCount() {
        return frames.size();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public void close() {
        next = frames.size();
    }
}
