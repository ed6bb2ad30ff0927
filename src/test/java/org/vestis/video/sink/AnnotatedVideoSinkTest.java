package org.vestis.video.sink;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;
import org.vestis.video.source.VideoFileSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.randu;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

class AnnotatedVideoSinkTest {
    private static final int CHECKED_FRAME = 20;

    /** The decoded output: frame count, size, rate, and copies of the frames asked for. */
    private record Decoded(int frames, int width, int height, double fps, List<Mat> kept) {
    }

    @Test
    void writesAPlayableH264VideoWithTheBoxesInTheirColours(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("annotated.mp4");
        AnnotatedVideoSink sink = new AnnotatedVideoSink(file, TestVideos.FIXTURE_FPS);
        Path part = dir.resolve("annotated.part.mp4");
        Mat original = null;
        long nanos = 0;
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture())) {
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    if (frame.index() == CHECKED_FRAME) {
                        original = frame.image().clone();
                    }
                    FrameResult result = SyntheticResults.of(frame);
                    long t0 = System.nanoTime();
                    sink.accept(frame, result);
                    nanos += System.nanoTime() - t0;
                    if (frame.index() == 25) {
                        assertThat(file).doesNotExist();
                        // Fragmented MP4 with one-second fragments: a crash now would still leave frames 0-19 playable.
                        assertThat(decode(part, -1).frames()).isGreaterThanOrEqualTo(20);
                    }
                }
            }
        }
        long t0 = System.nanoTime();
        sink.close();
        nanos += System.nanoTime() - t0;
        sink.close();
        System.out.printf("[sink] annotated %d frames 640x360 (paint + H.264 encode) at %.0f fps%n",
                TestVideos.FIXTURE_FRAMES, TestVideos.FIXTURE_FRAMES / (nanos / 1e9));
        assertThat(file).exists();
        assertThat(part).doesNotExist();

        Decoded out = decode(file, CHECKED_FRAME);
        try (Mat annotated = out.kept().get(0); Mat before = original) {
            assertThat(out.frames()).isEqualTo(TestVideos.FIXTURE_FRAMES);
            assertThat(out.width()).isEqualTo(TestVideos.FIXTURE_WIDTH);
            assertThat(out.height()).isEqualTo(TestVideos.FIXTURE_HEIGHT);
            assertThat(out.fps()).isEqualTo(TestVideos.FIXTURE_FPS);

            // The left edge of track 1's outline, away from the labels above and below the box.
            Box box = SyntheticResults.walker(CHECKED_FRAME);
            int x = (int) box.x();
            int[] colour = rgbToBgr(OverlayLayout.rgb(1));
            double[] drawn = meanBgr(annotated, x, (int) box.y() + 40, (int) box.bottom() - 40);
            double[] underneath = meanBgr(before, x, (int) box.y() + 40, (int) box.bottom() - 40);
            assertThat(distance(drawn, colour)).as("outline %s vs track colour %s", fmt(drawn), fmt(colour)).isLessThan(40);
            assertThat(distance(underneath, colour)).as("the picture itself there is another colour").isGreaterThan(100);
        }
    }

    @Test
    void blursTheFacesTheFinderReports(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("blurred.mp4");
        AtomicInteger calls = new AtomicInteger();
        Box face;
        double sharpBefore;
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture()); VideoFrame frame = source.next()) {
            face = sharpestSquare(frame.image(), 80);
            sharpBefore = sharpness(frame.image(), face);
            try (AnnotatedVideoSink sink = new AnnotatedVideoSink(file, 10, image -> {
                calls.incrementAndGet();
                return List.of(face);
            })) {
                FrameResult empty = new FrameResult(frame.index(), 0, frame.width(), frame.height(), List.of(), 0, 0);
                for (int i = 0; i < 3; i++) {
                    sink.accept(frame, empty);
                }
            }
        }
        Decoded out = decode(file, 0);
        try (Mat blurred = out.kept().get(0)) {
            assertThat(calls).hasValue(3);
            double sharpAfter = sharpness(blurred, face);
            assertThat(sharpAfter).as("edge energy in the face box: before %.1f, after %.1f", sharpBefore, sharpAfter)
                    .isLessThan(sharpBefore * 0.2);
        }
    }

    @Test
    void oddAndChangingFrameSizesBecomeTheFirstFramesEvenSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.mp4");
        try (AnnotatedVideoSink sink = new AnnotatedVideoSink(file, 0)) {
            int[][] sizes = {{321, 241}, {320, 240}, {500, 300}};
            for (int i = 0; i < sizes.length; i++) {
                try (Mat image = new Mat(sizes[i][1], sizes[i][0], CV_8UC3); Mat low = new Mat(1, 1, CV_64F, Scalar.all(0));
                     Mat high = new Mat(1, 1, CV_64F, Scalar.all(255))) {
                    randu(image, low, high);
                    VideoFrame frame = new VideoFrame(i, i / 25.0, image);
                    sink.accept(frame, new FrameResult(i, i / 25.0, image.cols(), image.rows(), List.of(), 1, 1));
                }
            }
        }
        Decoded out = decode(file, -1);
        assertThat(out.frames()).isEqualTo(3);
        assertThat(out.width()).isEqualTo(320);
        assertThat(out.height()).isEqualTo(240);
        assertThat(out.fps()).isEqualTo(AnnotatedVideoSink.DEFAULT_FRAME_RATE);
    }

    @Test
    void noFramesMeansNoFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.mp4");
        new AnnotatedVideoSink(file, 25).close();
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("empty.part.mp4")).doesNotExist();
    }

    private static Decoded decode(Path file, int keep) throws Exception {
        List<Mat> kept = new ArrayList<>();
        int n = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toString());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (n == keep) {
                    kept.add(converter.convert(frame).clone());
                }
                n++;
            }
            return new Decoded(n, grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFrameRate(), kept);
        }
    }

    /** Mean B, G, R down one pixel column. */
    private static double[] meanBgr(Mat image, int x, int fromY, int toY) {
        double[] sum = new double[3];
        try (UByteIndexer px = image.createIndexer()) {
            for (int y = fromY; y < toY; y++) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += px.get(y, x, c);
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= toY - fromY;
        }
        return sum;
    }

    private static int[] rgbToBgr(int rgb) {
        return new int[] {rgb & 0xff, rgb >> 8 & 0xff, rgb >> 16 & 0xff};
    }

    private static double distance(double[] bgr, int[] expected) {
        double d = 0;
        for (int c = 0; c < 3; c++) {
            d = Math.max(d, Math.abs(bgr[c] - expected[c]));
        }
        return d;
    }

    private static String fmt(double[] bgr) {
        return String.format("BGR(%.0f, %.0f, %.0f)", bgr[0], bgr[1], bgr[2]);
    }

    private static String fmt(int[] bgr) {
        return String.format("BGR(%d, %d, %d)", bgr[0], bgr[1], bgr[2]);
    }

    /** The most detailed square of the given side on a half-side grid: where a blur must show. */
    private static Box sharpestSquare(Mat image, int side) {
        Box best = null;
        double bestSharpness = -1;
        for (int y = 0; y + side <= image.rows() - 40; y += side / 2) { // clear of the status line
            for (int x = 0; x + side <= image.cols(); x += side / 2) {
                Box b = new Box(x, y, side, side);
                double s = sharpness(image, b);
                if (s > bestSharpness) {
                    bestSharpness = s;
                    best = b;
                }
            }
        }
        return best;
    }

    /** Variance of the Laplacian inside the box: high for detail, near zero once blurred. */
    private static double sharpness(Mat image, Box box) {
        try (Rect r = new Rect((int) box.x(), (int) box.y(), (int) box.width(), (int) box.height());
             Mat roi = new Mat(image, r); Mat gray = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            cvtColor(roi, gray, COLOR_BGR2GRAY);
            Laplacian(gray, lap, CV_64F);
            meanStdDev(lap, mean, std);
            double s = std.createIndexer().getDouble(0);
            return s * s;
        }
    }
}
