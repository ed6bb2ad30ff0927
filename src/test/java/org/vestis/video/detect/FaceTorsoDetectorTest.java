package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@EnabledIfEnvironmentVariable(named = TestImages.DATA_ENV, matches = ".+",
        disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with pretrained/ and people/) to run the DNN detectors")
class FaceTorsoDetectorTest extends DetectorContract {

    static FaceTorsoDetector yunet() {
        return new FaceTorsoDetector(TestImages.pretrained().resolve("face_detection_yunet_2023mar.onnx"),
                FaceTorsoDetector.DEFAULT_CONFIDENCE);
    }

    @Override
    protected Detector newDetector() {
        return yunet();
    }

    private FaceTorsoDetector faceTorso() {
        return (FaceTorsoDetector) detector;
    }

    @Test
    void findsGraceHoppersFaceAndTheTorsoBelowIt() {
        try (Mat photo = TestImages.photo("grace_hopper.bmp")) {
            List<Box> faces = faceTorso().faces(photo);
            assertThat(faces).hasSize(1);
            Box face = faces.get(0);
            // Her face is in the upper middle of the portrait.
            assertThat(face.centerX()).isBetween(0.3 * photo.cols(), 0.7 * photo.cols());
            assertThat(face.centerY()).isLessThan(0.5 * photo.rows());

            List<Detection> torsos = detector.detect(photo);
            assertValid(torsos, photo.cols(), photo.rows());
            assertThat(torsos).hasSize(1);
            Detection torso = torsos.get(0);
            assertThat(torso.kind()).isEqualTo("torso");
            assertThat(torso.score()).isGreaterThanOrEqualTo(FaceTorsoDetector.DEFAULT_CONFIDENCE);
            assertThat(torso.box().y()).as("torso starts at the chin").isCloseTo(face.bottom(), org.assertj.core.api.Assertions.within(1.0));
            assertThat(torso.box().width()).isGreaterThan(face.width());
            assertThat(torso.box().x()).isLessThan(face.x());
            assertThat(torso.box().right()).isGreaterThan(face.right());
        }
    }

    @Test
    void findsTheFacesInFaceJpg() {
        try (Mat photo = TestImages.photo("face.jpg")) {
            List<Box> faces = faceTorso().faces(photo);
            assertThat(faces).isNotEmpty();
            List<Detection> torsos = detector.detect(photo);
            assertValid(torsos, photo.cols(), photo.rows());
            assertThat(torsos).hasSizeLessThanOrEqualTo(faces.size());
            for (Detection torso : torsos) {
                // Each torso hangs below one of the faces.
                assertThat(faces).anySatisfy(f -> {
                    assertThat(torso.box().y()).isCloseTo(f.bottom(), org.assertj.core.api.Assertions.within(1.0));
                    assertThat(torso.box().centerX()).isBetween(f.x(), f.right());
                });
            }
        }
    }

    @Test
    void largeFramesAreShrunkAndTheFacesMappedBack() {
        try (Mat photo = TestImages.photo("grace_hopper.bmp"); Mat big = new Mat();
             org.bytedeco.opencv.opencv_core.Size size = new org.bytedeco.opencv.opencv_core.Size(photo.cols() * 3, photo.rows() * 3)) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(photo, big, size);
            Box face = faceTorso().faces(photo).get(0);
            List<Box> bigFaces = faceTorso().faces(big); // 1536 px wide: seen at 640
            assertThat(bigFaces).hasSize(1);
            Box expected = new Box(face.x() * 3, face.y() * 3, face.width() * 3, face.height() * 3);
            assertThat(bigFaces.get(0).iou(expected)).isGreaterThan(0.8);
        }
    }

    @Test
    void blackFrameHasNoFaces() {
        try (Mat black = TestImages.black(640, 480)) {
            assertThat(faceTorso().faces(black)).isEmpty();
            assertThat(detector.detect(black)).isEmpty();
        }
    }
}
