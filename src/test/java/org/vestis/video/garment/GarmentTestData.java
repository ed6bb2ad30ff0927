package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** The shared data the model tests run on, found through VESTIS_TEST_DATA (tests using it are skipped without it). */
final class GarmentTestData {
    static final String DATA_ENV = "VESTIS_TEST_DATA";
    static final String DISABLED = "set VESTIS_TEST_DATA to the shared data folder (with pretrained/pose, people/ and ccp/) to run the pose model";

    private GarmentTestData() {
    }

    static Path dataDir() {
        return Path.of(System.getenv(DATA_ENV));
    }

    static Path poseModel(String name) {
        return dataDir().resolve("pretrained").resolve("pose").resolve(name);
    }

    static PoseLandmarker lite() {
        return new PoseLandmarker(poseModel("pose_landmark_lite.tflite"));
    }

    /** An image under $VESTIS_TEST_DATA, decoded as stored (BGR for photos, one channel for label masks). */
    static Mat image(String relative) {
        Path file = dataDir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing although " + DATA_ENV + " is set");
        }
        Mat image = imread(file.toString(), IMREAD_UNCHANGED);
        if (image.empty()) {
            image.close();
            throw new IllegalStateException("OpenCV could not decode " + file);
        }
        return image;
    }
}
