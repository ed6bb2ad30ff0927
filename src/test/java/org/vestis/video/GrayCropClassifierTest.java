package org.vestis.video;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.model.ModelBundle;
import org.vestis.train.Metrics;
import org.vestis.video.classify.CropClassifier;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** Gray (Fashion-MNIST) bundles on detector-tight boxes: the object fills the box's border, yet it is read right. */
class GrayCropClassifierTest {
    @Test
    void tightBoxesOfLightGarmentsAreNotReadAsInverted() {
        ModelBundle bundle = ModelBundle.load(Path.of("models/fashion-mnist-cnn"));
        CropClassifier classifier = new CropClassifier(bundle);
        List<Box> truth = List.of(new Box(103, 320, 112, 51), new Box(449, 81, 151, 173), new Box(258, 277, 187, 179));
        List<float[]> probs;
        try (Mat frame = imread("src/test/resources/video/synthetic-frame.jpg")) {
            List<CropClassifier.Crop> crops = classifier.crops(frame, truth);
            probs = classifier.classify(crops);
            crops.forEach(CropClassifier.Crop::close);
        }
        List<String> labels = probs.stream().map(p -> bundle.info().labels().get(Metrics.argmax(p))).toList();
        assertThat(labels).containsExactly("Sneaker", "T-shirt/top", "T-shirt/top");
    }
}
