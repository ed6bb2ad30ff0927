package org.vestis.video.garment;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.detect.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.vestis.video.garment.PoseLandmarks.*;

/** Decoding the landmark model's outputs, the errors a user can fix, and (with the shared data) the model on real photos. */
class PoseLandmarkerTest {
    @TempDir
    Path tmp;

    @Test
    void decodesInputPixelsIntoTheFrameAndLogitsIntoProbabilities() {
        float[] raw = new float[PoseLandmarker.MODEL_LANDMARKS * PoseLandmarker.VALUES_PER_LANDMARK];
        int nose = NOSE * 5, ankle = LEFT_ANKLE * 5;
        raw[nose] = 128;
        raw[nose + 1] = 0;
        raw[nose + 2] = -10;
        raw[nose + 3] = 0; // logit 0: probability one half
        raw[nose + 4] = 10;
        raw[ankle] = 64;
        raw[ankle + 1] = 256;
        raw[ankle + 3] = -10;
        raw[ankle + 4] = 2;
        raw[raw.length - 1] = 99; // the auxiliary rows past the 33 body landmarks are not landmarks
        PoseCrop crop = new PoseCrop(200, 300, 512); // two frame pixels per input pixel

        PoseLandmarks pose = PoseLandmarker.decode(raw, 0.93, crop);

        assertThat(pose.points()).hasSize(PoseLandmarks.COUNT);
        assertThat(pose.score()).isEqualTo(0.93);
        assertThat(pose.crop()).isEqualTo(new Box(-56, 44, 512, 512));
        Landmark n = pose.get(NOSE);
        assertThat(n.x()).isEqualTo(200);
        assertThat(n.y()).isEqualTo(44);
        assertThat(n.z()).isEqualTo(-20);
        assertThat(n.visibility()).isEqualTo(0.5);
        assertThat(n.presence()).isCloseTo(1, within(1e-4));
        Landmark a = pose.get(LEFT_ANKLE);
        assertThat(a.x()).isEqualTo(72);
        assertThat(a.y()).isEqualTo(556);
        assertThat(a.visibility()).isCloseTo(0, within(1e-4));
        assertThat(a.presence()).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
        assertThat(PoseLandmarker.decode(raw, 1.7, crop).score()).as("clamped").isEqualTo(1);
    }

    @Test
    void aMissingModelFileIsOneSentenceNamingItAndWhereToGetIt() {
        Path missing = tmp.resolve("pose").resolve("pose_landmark_lite.tflite");
        assertThatThrownBy(() -> new PoseLandmarker(missing))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("The pose landmark model " + missing + " does not exist")
                .hasMessageContaining(ModelFiles.POSE_LITE.url())
                .hasMessageContaining(ModelFiles.ENV)
                .hasMessageEndingWith(".")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new PoseLandmarker(tmp.resolve("pose_landmark_full.tflite")))
                .hasMessageContaining(ModelFiles.POSE_FULL.url());
    }

    @Test
    void aDamagedModelFileIsAUserError() throws IOException {
        Path damaged = Files.writeString(tmp.resolve("pose_landmark_lite.tflite"), "not a TensorFlow Lite model");
        assertThatThrownBy(() -> new PoseLandmarker(damaged))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(damaged.toString())
                .hasMessageContaining(ModelFiles.POSE_LITE.url());
    }

    @Test
    void theStandardModelComesFromTheModelsDirectoryOrSaysWhereToGetIt() {
        ModelFiles empty = new ModelFiles(tmp.toString(), tmp.resolve("cache"), null);
        assertThatThrownBy(() -> PoseLandmarker.standard(empty, false))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("pose/pose_landmark_lite.tflite")
                .hasMessageContaining(ModelFiles.POSE_LITE.url());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = GarmentTestData.DATA_ENV, matches = ".+", disabledReason = GarmentTestData.DISABLED)
    void findsTheBodyOfTheWomanWalkingInTheSnow() {
        Box woman = new Box(308, 116, 124, 281); // YOLO-Fastest's box for her in this 640 x 480 photo
        try (Mat photo = GarmentTestData.image("people/posenet_test_image.bmp");
             PoseLandmarker landmarker = GarmentTestData.lite()) {
            PoseLandmarks pose = landmarker.detect(photo, woman).orElseThrow();

            assertThat(pose.score()).isGreaterThan(0.9);
            Box around = woman.grown(0.1);
            for (int i = 0; i < PoseLandmarks.COUNT; i++) {
                Landmark p = pose.get(i);
                assertThat(p.x()).as("x of %d", i).isBetween(around.x(), around.right());
                assertThat(p.y()).as("y of %d", i).isBetween(around.y(), around.bottom());
                assertThat(p.visibility()).isBetween(0.0, 1.0);
                assertThat(p.presence()).isBetween(0.0, 1.0);
            }
            // head above shoulders above hips above knees above ankles, each pair seen
            double[] ys = {pose.get(NOSE).y(), mid(pose, LEFT_SHOULDER, RIGHT_SHOULDER), mid(pose, LEFT_HIP, RIGHT_HIP),
                    mid(pose, LEFT_KNEE, RIGHT_KNEE), mid(pose, LEFT_ANKLE, RIGHT_ANKLE)};
            assertThat(ys).isSorted();
            for (int i : new int[] {LEFT_SHOULDER, RIGHT_HIP}) {
                assertThat(pose.get(i).visibility()).as("visibility of %d", i).isGreaterThanOrEqualTo(0.9);
                assertThat(pose.get(i).presence()).as("presence of %d", i).isGreaterThanOrEqualTo(0.9);
            }
            // she faces the camera: her left shoulder is on our right
            assertThat(pose.get(LEFT_SHOULDER).x()).isGreaterThan(pose.get(RIGHT_SHOULDER).x());
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = GarmentTestData.DATA_ENV, matches = ".+", disabledReason = GarmentTestData.DISABLED)
    void aBlankFrameHasNoPose() {
        try (Scalar grey = new Scalar(128, 128, 128, 0);
             Mat blank = new Mat(480, 640, CV_8UC3, grey);
             PoseLandmarker landmarker = GarmentTestData.lite()) {
            assertThat(landmarker.detect(blank, new Box(250, 100, 100, 300)).orElseThrow().score()).isLessThan(0.1);
            assertThat(landmarker.detect(blank, new Box(10, 10, 0, 50))).isEmpty();
            assertThat(landmarker.detect(new Mat(), new Box(10, 10, 50, 50))).isEmpty();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = GarmentTestData.DATA_ENV, matches = ".+", disabledReason = GarmentTestData.DISABLED)
    void aPortraitCutOffByTheFrameHasItsHipsOutOfView() {
        // Grace Hopper, head and chest: the box reaches the bottom edge, so the crop extends below the frame.
        try (Mat photo = GarmentTestData.image("people/grace_hopper.bmp");
             PoseLandmarker landmarker = GarmentTestData.lite()) {
            PoseLandmarks pose = landmarker.detect(photo, new Box(0, 59, 512, 525)).orElseThrow();
            assertThat(pose.score()).isGreaterThan(0.5);
            for (int hip : new int[] {LEFT_HIP, RIGHT_HIP}) {
                assertThat(pose.get(hip).presence()).isLessThan(0.5);
                assertThat(pose.get(hip).y()).isGreaterThan(photo.rows());
            }
            assertThat(mid(pose, LEFT_SHOULDER, RIGHT_SHOULDER)).as("shoulders below the face, in the picture")
                    .isBetween(pose.get(NOSE).y() + 50, (double) photo.rows());
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = GarmentTestData.DATA_ENV, matches = ".+", disabledReason = GarmentTestData.DISABLED)
    void itsPersonMaskCoversHerBodyAndNotTheSnowBeside() {
        Box woman = new Box(308, 116, 124, 281);
        try (Mat photo = GarmentTestData.image("people/posenet_test_image.bmp");
             PoseLandmarker landmarker = GarmentTestData.lite()) {
            PoseLandmarks pose = landmarker.detect(photo, woman).orElseThrow();
            PersonMask mask = pose.personMask();
            assertThat(mask).isNotNull();
            assertThat(mask.crop()).isEqualTo(pose.crop());
            try (Mat m = mask.over(0, 0, photo.cols(), photo.rows()); UByteIndexer px = m.createIndexer()) {
                for (int[] joint : new int[][] {{LEFT_SHOULDER, RIGHT_HIP}, {LEFT_HIP, RIGHT_KNEE}}) {
                    int x = (int) ((pose.get(joint[0]).x() + pose.get(joint[1]).x()) / 2);
                    int y = (int) ((pose.get(joint[0]).y() + pose.get(joint[1]).y()) / 2);
                    assertThat(px.get(y, x)).as("between landmarks %d and %d", joint[0], joint[1]).isEqualTo(255);
                }
                double covered = countNonZero(m) / woman.area();
                assertThat(covered).as("share of her box").isBetween(0.25, 0.9);
                assertThat(px.get((int) woman.y() + 5, (int) woman.x() - 20)).as("snow left of her head").isZero();
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = GarmentTestData.DATA_ENV, matches = ".+", disabledReason = GarmentTestData.DISABLED)
    void theFullModelAgreesWithTheLiteOne() {
        Box woman = new Box(141, 33, 234, 735);
        try (Mat photo = GarmentTestData.image("ccp/photos/0002.jpg");
             PoseLandmarker lite = GarmentTestData.lite();
             PoseLandmarker full = new PoseLandmarker(GarmentTestData.poseModel("pose_landmark_full.tflite"))) {
            PoseLandmarks a = lite.detect(photo, woman).orElseThrow();
            PoseLandmarks b = full.detect(photo, woman).orElseThrow();
            assertThat(b.score()).isGreaterThan(0.9);
            for (int i : new int[] {NOSE, LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE}) {
                assertThat(Math.hypot(a.get(i).x() - b.get(i).x(), a.get(i).y() - b.get(i).y())).as("landmark %d", i)
                        .isLessThan(0.05 * woman.height());
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = GarmentTestData.DATA_ENV, matches = ".+", disabledReason = GarmentTestData.DISABLED)
    void aClosedLandmarkerRefusesWork() {
        PoseLandmarker landmarker = GarmentTestData.lite();
        landmarker.close();
        landmarker.close(); // twice is fine
        try (Mat frame = new Mat(100, 100, CV_8UC3)) {
            assertThatThrownBy(() -> landmarker.detect(frame, new Box(0, 0, 50, 100))).isInstanceOf(IllegalStateException.class);
        }
    }

    private static double mid(PoseLandmarks pose, int a, int b) {
        return (pose.get(a).y() + pose.get(b).y()) / 2;
    }
}
