package org.vestis.video.detect;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** The images the detector tests run on: the committed walking clip, the shared people photos, blank frames. */
final class TestImages {
    /** Environment variable naming the shared data folder (with pretrained/ and people/); DNN tests need it. */
    static final String DATA_ENV = "VESTIS_TEST_DATA";
    static final String FIXTURE = "/video/walking-3s.mp4";

    private TestImages() {
    }

    /** Every frame of the 3 s fixture (30 frames, 640x360), as BGR copies the caller must close. */
    static List<Mat> fixtureFrames() throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg would print the stream dump
        List<Mat> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(resource(FIXTURE).toString());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                frames.add(converter.convert(frame).clone()); // the converter's Mat is reused on the next grab
            }
            grabber.stop();
        }
        return frames;
    }

    static Mat black(int width, int height) {
        try (Scalar zero = new Scalar(0.0)) {
            return new Mat(height, width, CV_8UC3, zero);
        }
    }

    /** $VESTIS_TEST_DATA (only call from tests enabled on that variable). */
    static Path dataDir() {
        return Path.of(System.getenv(DATA_ENV));
    }

    static Path pretrained() {
        return dataDir().resolve("pretrained");
    }

    /** A photo from $VESTIS_TEST_DATA/people, decoded as BGR. */
    static Mat photo(String name) {
        Path file = dataDir().resolve("people").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing although " + DATA_ENV + " is set");
        }
        Mat image = imread(file.toString());
        if (image.empty()) {
            image.close();
            throw new IllegalStateException("OpenCV could not decode " + file);
        }
        return image;
    }

    static Path resource(String name) throws URISyntaxException {
        URL url = TestImages.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " not on the class path");
        }
        return Path.of(url.toURI());
    }

    static void closeAll(List<Mat> mats) {
        if (mats != null) {
            mats.forEach(Mat::close);
        }
    }
}
