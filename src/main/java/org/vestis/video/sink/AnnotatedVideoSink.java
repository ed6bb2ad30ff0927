package org.vestis.video.sink;

import org.vestis.io.OutputFiles;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.VideoFrame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The input video with every track drawn on it, as H.264 (OpenH264) in MP4. The size is taken from the first
 * frame (rounded down to even numbers, as YUV 4:2:0 needs); later frames of another size are scaled to it.
 * Written as fragmented MP4 to {@code name.part.mp4}, which stays playable up to the last fragment even after a
 * crash, and renamed to the final name on {@link #close()}. No frames, no file.
 */
public final class AnnotatedVideoSink implements FrameSink {
    static final double DEFAULT_FRAME_RATE = 25;
    private static final double BITS_PER_PIXEL = 0.12;
    private static final int MIN_BITRATE = 300_000;
    private static final double FPS_SMOOTHING = 0.1;

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // OpenH264 warns about every profile and rate-control choice
    }

    private final Path file;
    private final Path part;
    private final double frameRate;
    private final Function<Mat, List<Box>> faceFinder;
    private final OverlayPainter painter;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private FFmpegFrameRecorder recorder;
    private int width;
    private int height;
    private long lastFrameNanos;
    private double fps;
    private boolean closed;

    /** {@code frameRate}: of the frames this sink receives (the source's rate divided by any stride); 0 means 25. */
    public AnnotatedVideoSink(Path file, double frameRate) {
        this(file, frameRate, null);
    }

    /** {@code faceFinder}, when not null, finds faces in each original frame; they are blurred in the video. */
    public AnnotatedVideoSink(Path file, double frameRate, Function<Mat, List<Box>> faceFinder) {
        this(file, frameRate, faceFinder, false);
    }

    /** {@code regions}: outline each person's body regions too (a garment model's head, torso, legs and feet). */
    public AnnotatedVideoSink(Path file, double frameRate, Function<Mat, List<Box>> faceFinder, boolean regions) {
        this.painter = new OverlayPainter(regions);
        this.file = file;
        this.part = OutputFiles.partName(file);
        this.frameRate = frameRate > 0 && Double.isFinite(frameRate) ? frameRate : DEFAULT_FRAME_RATE;
        this.faceFinder = faceFinder;
        OutputFiles.createParent(file);
    }

    @Override
    public void accept(VideoFrame frame, FrameResult result) throws IOException {
        if (closed) {
            throw new IllegalStateException("the video " + file + " is closed");
        }
        updateFps();
        try (Mat canvas = frame.image().clone()) {
            if (faceFinder != null) {
                blur(canvas, faceFinder.apply(frame.image()));
            }
            painter.paint(canvas, result, OverlayLayout.status(fps, result.detectMillis() + result.classifyMillis()));
            if (recorder == null) {
                start(canvas.cols(), canvas.rows());
            }
            record(canvas);
        }
    }

    /** Frames per second reaching this sink, i.e. the pipeline's throughput, smoothed. */
    private void updateFps() {
        long now = System.nanoTime();
        if (lastFrameNanos != 0) {
            double current = 1e9 / Math.max(1, now - lastFrameNanos);
            fps = fps == 0 ? current : fps + FPS_SMOOTHING * (current - fps);
        }
        lastFrameNanos = now;
    }

    private void start(int frameWidth, int frameHeight) {
        width = Math.max(2, frameWidth & ~1);
        height = Math.max(2, frameHeight & ~1);
        recorder = new FFmpegFrameRecorder(part.toString(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setGopSize((int) Math.max(1, Math.round(frameRate))); // a key frame, hence a fragment, every second
        recorder.setVideoBitrate((int) Math.max(MIN_BITRATE, width * (double) height * frameRate * BITS_PER_PIXEL));
        recorder.setOption("movflags", "+frag_keyframe+empty_moov+default_base_moof");
        recorder.setOption("flush_packets", "1"); // each finished fragment goes to disk, not only every 256 KB
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            releaseQuietly();
            throw new UserException("The video " + part + " could not be created; check that its folder is writable.", e);
        }
    }

    private void record(Mat canvas) throws IOException {
        Mat fitted = null;
        try {
            if (canvas.cols() != width || canvas.rows() != height) {
                fitted = fit(canvas);
            }
            recorder.record(converter.convert(fitted != null ? fitted : canvas), avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Writing the video " + part + " failed: " + e.getMessage(), e);
        } finally {
            if (fitted != null) {
                fitted.close();
            }
        }
    }

    /** An odd-sized frame loses its last column or row; a frame of another size is scaled. */
    private Mat fit(Mat canvas) {
        int dw = canvas.cols() - width, dh = canvas.rows() - height;
        if (dw >= 0 && dw <= 1 && dh >= 0 && dh <= 1) {
            try (Rect even = new Rect(0, 0, width, height)) {
                return new Mat(canvas, even);
            }
        }
        Mat scaled = new Mat();
        try (Size size = new Size(width, height)) {
            resize(canvas, scaled, size, 0, 0, INTER_AREA);
        }
        return scaled;
    }

    /** Faces are grown a little (hair, ears) and blurred beyond recognition. */
    private static void blur(Mat canvas, List<Box> faces) {
        if (faces == null) {
            return;
        }
        for (Box face : faces) {
            double grow = 0.15;
            Box b = new Box(face.x() - face.width() * grow, face.y() - face.height() * grow,
                    face.width() * (1 + 2 * grow), face.height() * (1 + 2 * grow)).clip(canvas.cols(), canvas.rows());
            int x = (int) Math.floor(b.x()), y = (int) Math.floor(b.y());
            int w = Math.min(canvas.cols() - x, (int) Math.ceil(b.width())), h = Math.min(canvas.rows() - y, (int) Math.ceil(b.height()));
            if (w < 2 || h < 2) {
                continue;
            }
            try (Rect r = new Rect(x, y, w, h); Mat roi = new Mat(canvas, r); Size auto = new Size(0, 0)) {
                GaussianBlur(roi, roi, auto, Math.max(w, h) / 4.0);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (recorder == null) {
            converter.close();
            return;
        }
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Finishing the video " + part + " failed: " + e.getMessage(), e);
        } finally {
            releaseQuietly();
        }
        OutputFiles.publish(part, file);
    }

    private void releaseQuietly() {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception | RuntimeException ignored) {
            // Freed either way.
        }
        converter.close();
    }
}
