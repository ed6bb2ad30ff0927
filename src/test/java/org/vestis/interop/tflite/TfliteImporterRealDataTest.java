package org.vestis.interop.tflite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.vestis.model.ModelBundle;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.model.Prediction;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle: the imported MobileNet v2 1.0/224 ranks "military uniform" first for grace_hopper.bmp, as TensorFlow Lite does. */
@EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+")
class TfliteImporterRealDataTest {
    @Test
    void mobileNetV2RanksMilitaryUniformFirstForGraceHopper() {
        Path data = Path.of(System.getenv("VESTIS_TEST_DATA"));
        Path tflite = data.resolve("pretrained/tflite");
        ModelBundle bundle = TfliteImporter.importBundle(tflite.resolve("mobilenet_v2_1.0_224_quant.tflite"),
                tflite.resolve("imagenet_labels.txt"), "mobilenetv2-imagenet", "imagenet", "test");
        assertThat(bundle.info().backbone()).isEqualTo("mobilenetv2-1.0-224");
        Prediction p = BatchPredictor.photos(bundle, BatchPredictor.ONE_BATCH).predict(List.of(PhotoPreprocessor.read(data.resolve("people/grace_hopper.bmp"))), 5).get(0);
        assertThat(p.top().get(0).label()).isEqualTo("military uniform");
        assertThat(p.top().get(0).probability()).isGreaterThan(0.8); // measured: 92.0%
    }
}
