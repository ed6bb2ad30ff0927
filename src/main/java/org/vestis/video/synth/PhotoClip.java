package org.vestis.video.synth;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.BORDER_TRANSPARENT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/**
 * A short clip made from one photo of a person, so that garments known from the photo's label map can be scored on
 * video: over the frames the photo drifts across the frame and grows or shrinks a little (the person walks), and each
 * frame may get motion blur or defocus, always a brightness change and sensor noise, as real footage does. Where the
 * moved photo leaves the frame uncovered, the photo's own mean border colour fills it (a plain background, so no
 * second person appears). The frame has the photo's size, so the person is about as large as in the photo.
 * Deterministic for a given {@link Random}.
 *
 * @param frames     BGR frames, owned by the clip (close it)
 * @param placements where the photo lies in each frame (its scaled rectangle)
 * @param blurs      what each frame got: "motion", "defocus" or "sharp"
 */
public record PhotoClip(List<Mat> frames, List<Box> placements, List<String> blurs) implements AutoCloseable {
    /** Share of frames with motion blur, and of the rest with defocus. */
    static final double MOTION_SHARE = 0.35;
    static final double DEFOCUS_SHARE = 0.3;

    /** The clip of {@code frameCount} frames of {@code bgrPhoto} (the photo is not changed). */
    public static PhotoClip of(Mat bgrPhoto, int frameCount, Random random) {
        if (frameCount < 2) {
            throw new IllegalArgumentException("A clip needs at least 2 frames");
        }
        int w = bgrPhoto.cols(), h = bgrPhoto.rows();
        // Scale and position go linearly from a start to an end: a person walking past, nearer or farther.
        double s0 = 0.78 + 0.17 * random.nextDouble(), s1 = 0.78 + 0.17 * random.nextDouble();
        double fx0 = 0.3 * random.nextDouble(), fx1 = 0.7 + 0.3 * random.nextDouble();
        if (random.nextBoolean()) {
            double t = fx0;
            fx0 = fx1;
            fx1 = t;
        }
        double fy = random.nextDouble();
        Scalar background = borderMean(bgrPhoto);
        List<Mat> frames = new ArrayList<>();
        List<Box> placements = new ArrayList<>();
        List<String> blurs = new ArrayList<>();
        for (int i = 0; i < frameCount; i++) {
            double t = (double) i / (frameCount - 1);
            double s = s0 + (s1 - s0) * t;
            double x = (fx0 + (fx1 - fx0) * t) * w * (1 - s);
            double bob = 0.04 * Math.sin(Math.PI * 4 * t); // a step's up and down
            double y = Math.min(1, Math.max(0, fy + bob)) * h * (1 - s);
            Mat frame = new Mat(h, w, CV_8UC3, background);
            try (Mat affine = new Mat(2, 3, CV_64F, new Scalar(0))) {
                try (DoubleIndexer a = affine.createIndexer()) {
                    a.put(0, 0, s).put(0, 2, x).put(1, 1, s).put(1, 2, y);
                }
                warpAffine(bgrPhoto, frame, affine, new Size(w, h), INTER_LINEAR, BORDER_TRANSPARENT, new Scalar());
            }
            placements.add(new Box(x, y, w * s, h * s));
            blurs.add(degrade(frame, random));
            frames.add(frame);
        }
        return new PhotoClip(List.copyOf(frames), List.copyOf(placements), List.copyOf(blurs));
    }

    /** Blur (motion, defocus or none), then brightness and noise, in place; says which blur. */
    private static String degrade(Mat frame, Random random) {
        String blur = "sharp";
        double r = random.nextDouble();
        if (r < MOTION_SHARE) {
            int length = 5 + 2 * random.nextInt(9); // 5 to 21 px, mostly along the walk
            try (Mat kernel = motionKernel(length, Math.toRadians(-30 + 60 * random.nextDouble()))) {
                filter2D(frame, frame, -1, kernel);
            }
            blur = "motion";
        } else if (r < MOTION_SHARE + (1 - MOTION_SHARE) * DEFOCUS_SHARE) {
            double sigma = 1.5 + 2.5 * random.nextDouble();
            GaussianBlur(frame, frame, new Size(0, 0), sigma);
            blur = "defocus";
        }
        double gain = 0.75 + 0.5 * random.nextDouble(), offset = -20 + 40 * random.nextDouble();
        double noise = 2 + 6 * random.nextDouble();
        byte[] px = new byte[frame.rows() * frame.cols() * 3]; // a new Mat is continuous
        frame.data().get(px);
        for (int i = 0; i < px.length; i++) {
            double v = (px[i] & 0xff) * gain + offset + noise * random.nextGaussian();
            px[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        frame.data().put(px);
        return blur;
    }

    /** A line of {@code length} pixels at {@code angle}, normalised: the smear of a camera or a person moving. */
    static Mat motionKernel(int length, double angle) {
        Mat kernel = new Mat(length, length, CV_32F, new Scalar(0));
        int c = length / 2, n = 0;
        try (FloatIndexer k = kernel.createIndexer()) {
            for (int i = -c; i <= c; i++) {
                int x = c + (int) Math.round(i * Math.cos(angle)), y = c + (int) Math.round(i * Math.sin(angle));
                if (k.get(y, x) == 0) {
                    k.put(y, x, 1);
                    n++;
                }
            }
            for (int y = 0; y < length; y++) {
                for (int x = 0; x < length; x++) {
                    k.put(y, x, k.get(y, x) / n);
                }
            }
        }
        return kernel;
    }

    /** The mean colour of the photo's outer 4-pixel frame. */
    static Scalar borderMean(Mat photo) {
        double[] sum = new double[3];
        long n = 0;
        int w = photo.cols(), h = photo.rows(), band = Math.min(4, Math.min(w, h) / 2);
        try (UByteIndexer px = photo.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (x < band || y < band || x >= w - band || y >= h - band) {
                        for (int ch = 0; ch < 3; ch++) {
                            sum[ch] += px.get(y, x, ch);
                        }
                        n++;
                    }
                }
            }
        }
        return new Scalar(sum[0] / n, sum[1] / n, sum[2] / n, 0);
    }

    @Override
    public void close() {
        frames.forEach(Mat::close);
    }
}
