package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.config.PipelineConfig;
import org.vestis.model.ModelBundle;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.RegionSource;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.Detectors;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** The live window's looks run on a worker: the frame is copied, nothing new is chosen meanwhile, ended tracks drop out. */
class BackgroundLooksTest {

    @Test
    void aBackgroundLookLandsAfterFinishAndSkipsTracksThatEndedMeanwhile() {
        Path bundle = Path.of("models/garments-regions");
        CropClassifier classifier = new CropClassifier(ModelBundle.load(bundle).forInference());
        PipelineConfig config = new PipelineConfig();
        try (GarmentModel model = GarmentModel.forBundle(bundle, classifier, config.detectorSettings().models()).orElseThrow();
             Detector detector = Detectors.create("person", config.detectorSettings().withConfidence(null));
             Mat frame = imread("src/test/resources/people/walking-frame25.jpg")) {
            List<Box> people = detector.detect(frame).stream().map(Detection::box).sorted(Comparator.comparingDouble(Box::x)).toList();
            assertThat(people).hasSize(2);
            GarmentStage stage = model.newBackgroundStage(5, LookBudget.UNLIMITED);
            List<Integer> ids = List.of(1, 2);
            List<Double> qualities = List.of(0.5, 0.5);
            assertThat(stage.choose(ids, qualities)).containsExactly(0, 1);
            stage.look(frame, ids, people, qualities);
            frame.close(); // the stage looks at its own copy
            // A look takes about a tenth of a second: while it runs nobody is chosen, and a track that ends is dropped.
            assertThat(stage.choose(ids, qualities)).isEmpty();
            stage.forget(1);
            stage.finish();
            assertThat(stage.current(1)).isEqualTo(PersonGarments.unseen());
            assertThat(stage.current(2).regions()).isEqualTo(RegionSource.LANDMARKS);
            assertThat(stage.current(2).get(GarmentSlot.BOTTOM).worn()).isTrue();
            assertThat(stage.costs().people()).isEqualTo(2);
        }
    }
}
