package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.ColourTerm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CMP_EQ;
import static org.bytedeco.opencv.global.opencv_core.compare;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * Garment colours on real street photos: 14 Clothing Co-Parsing photos (half size, in src/test/resources/ccp-colours
 * with their pixel label maps) and 18 garments labelled by hand in colours.csv. Each garment's pixels are the label
 * map's pixels of that garment's label, as a segmentation mask would give them.
 */
class ColourNamesRealCropsTest {
    static final Path DIR = Path.of("src/test/resources/ccp-colours");

    /**
     * The one hand label the namer misses: 0095's dress is black-and-white striped, but the whole dress is in shade
     * and its white stripes are at L* 57-79, where the light grey coat of 0068 is (61-85); without the scene to
     * anchor white, they are named grey. The stripes are still seen as two colours, black and a light one.
     */
    static final String KNOWN_MISS = "0095 dress";

    record Label(String photo, String garment, String colour) {
    }

    @Test
    void handLabelledGarmentsGetTheirColour() throws IOException {
        List<String> labels = Files.readAllLines(DIR.resolve("labels.txt"));
        List<String> misses = new ArrayList<>();
        List<Label> rows = handLabels();
        for (Label row : rows) {
            GarmentColour c = colourOf(row, labels);
            String key = row.photo() + " " + row.garment();
            boolean twoColours = row.colour().contains("/");
            boolean ok = twoColours ? c.label().equals(row.colour()) : c.colour().label().equals(row.colour());
            if (!ok) {
                misses.add(key + ": " + row.colour() + " -> " + c.label() + String.format(Locale.ROOT, " (%.2f)", c.share()));
            }
            if (key.equals(KNOWN_MISS)) {
                assertThat(c.twoColoured()).as(key).isTrue();
                assertThat(List.of(c.colour(), c.second())).as(key).contains(ColourTerm.BLACK);
            } else {
                assertThat(c.label()).as(key + " (share %.2f)", c.share()).startsWith(row.colour());
            }
        }
        assertThat(rows).hasSize(18);
        assertThat(misses).as("hand labels missed").containsExactly(KNOWN_MISS + ": black/white -> grey/black (0.55)");
    }

    static List<Label> handLabels() throws IOException {
        return Files.readAllLines(DIR.resolve("colours.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("photo,") && !l.isBlank())
                .map(l -> l.split(","))
                .map(f -> new Label(f[0], f[1], f[2]))
                .toList();
    }

    static GarmentColour colourOf(Label row, List<String> labels) {
        int index = labels.indexOf(row.garment());
        assertThat(index).as("label " + row.garment()).isPositive();
        try (Mat bgr = imread(DIR.resolve("photos/" + row.photo() + ".jpg").toString());
             Mat map = imread(DIR.resolve("masks/" + row.photo() + ".png").toString(), IMREAD_GRAYSCALE);
             Mat value = new Mat(map.size(), map.type(), new Scalar(index));
             Mat mask = new Mat()) {
            assertThat(bgr.empty()).as(row.photo() + ".jpg").isFalse();
            compare(map, value, mask, CMP_EQ);
            return ColourNames.of(bgr, mask);
        }
    }
}
