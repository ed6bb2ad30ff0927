package org.vestis.data.ccp;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** The true garments' colours on real CCP photos (src/test/resources/ccp-colours, whose colours.csv labels them by hand). */
class SlotColourTruthTest {
    static final Path DIR = Path.of("src/test/resources/ccp-colours");

    @Test
    void eachWornSlotIsNamedFromItsTrueClassesPixels() {
        CcpSlots slots = CcpSlots.read(DIR.resolve("labels.txt"), Path.of("src/test/resources/ccp-sample/slots.csv"));
        // 0742: blue pants and a purple sweater (a longsleeve), by hand
        Raster labels = CcpGarmentCrops.readMask(DIR.resolve("masks/0742.png"));
        try (Mat photo = imread(DIR.resolve("photos/0742.jpg").toString())) {
            Map<String, String> colours = SlotColourTruth.of(photo, labels, slots,
                    Map.of("bottom", "pants", "top", "longsleeve"));
            assertThat(colours).containsOnly(Map.entry("bottom", "blue"), Map.entry("top", "purple"));
            // a class the photo has no pixels of has no colour to name
            assertThat(SlotColourTruth.of(photo, labels, slots, Map.of("bottom", "skirt")))
                    .containsOnly(Map.entry("bottom", "unknown"));
        }
    }
}
