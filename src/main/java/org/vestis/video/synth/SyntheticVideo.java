package org.vestis.video.synth;

import org.vestis.io.OutputFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.data.Dataset;
import org.vestis.video.Box;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Renders a test video with known answers: Fashion-MNIST test images that move, change size and pass in
 * front of one another over a textured background, with per-frame degradations (defocus blur in bursts,
 * sensor noise) that make single frames unreliable, as in real footage. Writes the video (H.264) and a
 * ground-truth JSONL file: one line per frame with each object's id, label, box (the garment's drawn extent)
 * and visible fraction.
 */
public final class SyntheticVideo {
    public record Settings(int width, int height, int frames, int fps, int objects, long seed) {
        public static final Settings DEFAULT = new Settings(640, 480, 300, 25, 3, 7);
    }

    private final Dataset images;
    private final List<String> labels;
    private final Settings settings;
    private final Random rng;

    private final class MovingObject {
        final int id;
        final int imageIndex;
        final double baseSize;
        final double phase;
        double x;
        double y;
        double vx;
        double vy;

        MovingObject(int id) {
            this.id = id;
            this.imageIndex = rng.nextInt(images.size());
            this.baseSize = 110 + rng.nextInt(60);
            this.phase = rng.nextDouble() * Math.PI * 2;
            this.x = rng.nextDouble() * (settings.width() - baseSize);
            this.y = rng.nextDouble() * (settings.height() - baseSize);
            this.vx = (rng.nextBoolean() ? 1 : -1) * (1.5 + rng.nextDouble() * 3);
            this.vy = (rng.nextBoolean() ? 1 : -1) * (1 + rng.nextDouble() * 2);
        }

        Box boxAt(int frame) {
            double size = baseSize * (1 + 0.2 * Math.sin(phase + frame * 0.05));
            return new Box(Math.round(x), Math.round(y), Math.round(size), Math.round(size));
        }

        void move(int frame) {
            Box b = boxAt(frame);
            x += vx;
            y += vy;
            if (x < 0 || x + b.width() > settings.width()) {
                vx = -vx;
                x = Math.max(0, Math.min(x, settings.width() - b.width()));
            }
            if (y < 0 || y + b.height() > settings.height()) {
                vy = -vy;
                y = Math.max(0, Math.min(y, settings.height() - b.height()));
            }
        }
    }

    public SyntheticVideo(Dataset images, List<String> labels, Settings settings) {
        this.images = images;
        this.labels = labels;
        this.settings = settings;
        this.rng = new Random(settings.seed());
    }

    public void write(Path video, Path groundTruth) throws IOException {
        List<MovingObject> objects = new ArrayList<>();
        for (int i = 0; i < settings.objects(); i++) {
            objects.add(new MovingObject(i + 1));
        }
        OutputFiles.createParent(video);
        OutputFiles.createParent(groundTruth);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // OpenH264 warns about every profile and rate-control choice
        Path tmpVideo = video.resolveSibling(video.getFileName() + ".part.mp4");
        Path tmpTruth = groundTruth.resolveSibling(groundTruth.getFileName() + ".part");
        ObjectMapper json = new ObjectMapper();
        try (Mat background = background();
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(tmpVideo.toFile(), settings.width(), settings.height());
             BufferedWriter truth = Files.newBufferedWriter(tmpTruth)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(settings.fps());
            recorder.setVideoBitrate(2_000_000);
            recorder.start();
            boolean blurBurst = false;
            for (int f = 0; f < settings.frames(); f++) {
                // Defocus comes in bursts of a few frames, as with a camera hunting for focus.
                blurBurst = blurBurst ? rng.nextDouble() < 0.7 : rng.nextDouble() < 0.08;
                try (Mat frame = background.clone()) {
                    List<Box> boxes = new ArrayList<>();
                    for (MovingObject o : objects) {
                        boxes.add(paste(frame, o.imageIndex, o.boxAt(f)));
                    }
                    if (blurBurst) {
                        try (Size k = new Size(0, 0)) {
                            GaussianBlur(frame, frame, k, 3.5);
                        }
                    }
                    addNoise(frame, 10);
                    recorder.record(converter.convert(frame));
                    truth.write(json.writeValueAsString(truthLine(f, objects, boxes)));
                    truth.newLine();
                }
                for (MovingObject o : objects) {
                    o.move(f);
                }
            }
            recorder.stop();
        }
        OutputFiles.publish(tmpVideo, video);
        OutputFiles.publish(tmpTruth, groundTruth);
    }

    private Map<String, Object> truthLine(int frame, List<MovingObject> objects, List<Box> boxes) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            MovingObject o = objects.get(i);
            Box b = boxes.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id);
            m.put("label", labels.get(images.label(o.imageIndex)));
            m.put("box", new double[]{b.x(), b.y(), b.width(), b.height()});
            m.put("visible", visibleFraction(b, boxes.subList(i + 1, boxes.size())));
            list.add(m);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("frame", frame);
        line.put("time", frame / (double) settings.fps());
        line.put("objects", list);
        return line;
    }

    /** Share of the box not covered by boxes drawn after it (an upper bound on what is really visible). */
    private static double visibleFraction(Box b, List<Box> above) {
        double covered = 0;
        for (Box o : above) {
            covered = Math.max(covered, b.iou(o) == 0 ? 0 : overlapArea(b, o) / b.area());
        }
        return Math.round((1 - covered) * 1000) / 1000.0;
    }

    private static double overlapArea(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.right(), b.right()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y()));
        return ix * iy;
    }

    /** A dark textured background: a colour gradient plus soft blobs (objects stay brighter, as in Fashion-MNIST). */
    private Mat background() {
        Mat bg = new Mat(settings.height(), settings.width(), CV_8UC3);
        double[] c0 = {rng.nextInt(60), rng.nextInt(60), rng.nextInt(60)};
        double[] c1 = {rng.nextInt(70), rng.nextInt(70), rng.nextInt(70)};
        double[][] blobs = new double[6][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = new double[]{rng.nextDouble() * settings.width(), rng.nextDouble() * settings.height(), 40 + rng.nextDouble() * 120, 15 + rng.nextDouble() * 25};
        }
        try (UByteIndexer idx = bg.createIndexer()) {
            for (int y = 0; y < settings.height(); y++) {
                for (int x = 0; x < settings.width(); x++) {
                    double t = (x + y) / (double) (settings.width() + settings.height());
                    double blob = 0;
                    for (double[] b : blobs) {
                        double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]);
                        blob += b[3] * Math.exp(-d2 / (2 * b[2] * b[2]));
                    }
                    for (int c = 0; c < 3; c++) {
                        idx.put(y, x, c, (int) Math.min(255, c0[c] * (1 - t) + c1[c] * t + blob));
                    }
                }
            }
        }
        return bg;
    }

    /**
     * Draws the image into box {@code b} (its dark pixels transparent, as the garment has no dark frame) and
     * returns the box of what was really drawn: the garment's own extent, which is what a detector can find.
     */
    private Box paste(Mat frame, int imageIndex, Box b) {
        int n = images.pixelsPerImage();
        try (Mat src = new Mat(images.height(), images.width(), CV_8UC1); Mat scaled = new Mat()) {
            try (UByteIndexer s = src.createIndexer()) {
                for (int y = 0; y < images.height(); y++) {
                    for (int x = 0; x < images.width(); x++) {
                        s.put(y, x, images.pixels()[imageIndex * n + y * images.width() + x] & 0xff);
                    }
                }
            }
            try (Size size = new Size((int) b.width(), (int) b.height())) {
                resize(src, scaled, size, 0, 0, INTER_LINEAR);
            }
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            try (UByteIndexer s = scaled.createIndexer(); UByteIndexer d = frame.createIndexer()) {
                for (int y = 0; y < scaled.rows(); y++) {
                    int fy = (int) b.y() + y;
                    for (int x = 0; x < scaled.cols(); x++) {
                        int fx = (int) b.x() + x;
                        if (fy < 0 || fy >= frame.rows() || fx < 0 || fx >= frame.cols()) {
                            continue;
                        }
                        int v = s.get(y, x);
                        double a = Math.min(1, v / 40.0);
                        for (int c = 0; c < 3; c++) {
                            d.put(fy, fx, c, (int) (d.get(fy, fx, c) * (1 - a) + v * a));
                        }
                        if (a >= 0.5) {
                            minX = Math.min(minX, fx);
                            minY = Math.min(minY, fy);
                            maxX = Math.max(maxX, fx);
                            maxY = Math.max(maxY, fy);
                        }
                    }
                }
            }
            return maxX < 0 ? b : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
        }
    }

    private void addNoise(Mat frame, double sigma) {
        try (UByteIndexer d = frame.createIndexer()) {
            for (int y = 0; y < frame.rows(); y++) {
                for (int x = 0; x < frame.cols(); x++) {
                    for (int c = 0; c < 3; c++) {
                        int v = d.get(y, x, c) + (int) Math.round(rng.nextGaussian() * sigma);
                        d.put(y, x, c, Math.max(0, Math.min(255, v)));
                    }
                }
            }
        }
    }
}
