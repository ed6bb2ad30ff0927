package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.vestis.video.ColourTerm;

class ColourCategoriesTest {

    @Test
    void openCvGivesRealCielabForSrgbPixels() {
        try (Mat red = Patches.paint(8, 8, 0, (x, y) -> new int[] {255, 0, 0});
             Mat grey = Patches.paint(8, 8, 0, (x, y) -> new int[] {119, 119, 119})) {
            LabSamples r = LabSamples.of(red, null, 4096);
            assertThat(r.count).isEqualTo(64);
            assertThat(r.lab[0]).as("L*").isCloseTo(53.24f, within(0.3f));
            assertThat(r.lab[1]).as("a*").isCloseTo(80.09f, within(0.5f));
            assertThat(r.lab[2]).as("b*").isCloseTo(67.20f, within(0.5f));
            LabSamples g = LabSamples.of(grey, null, 4096);
            assertThat(g.lab[0]).as("sRGB 119 is L* 50").isCloseTo(50.0f, within(0.3f));
            assertThat(Math.hypot(g.lab[1], g.lab[2])).isLessThan(0.5);
        }
    }

    /** Centore's (2020) centroids, converted to CIELAB, name their own category; his white and grey too. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "red, red, 39.6, 43.2, 20.7", "red, wine, 30.3, 24.9, 7.0", "pink, pink, 62.0, 30.3, 7.8",
        "pink, fuchsia, 41.6, 45.3, -7.3", "orange, orange, 62.0, 33.9, 46.2", "brown, brown, 35.5, 14.2, 14.2",
        "brown, tan, 53.0, 11.0, 21.8", "brown, beige, 62.0, 8.5, 18.3", "yellow, yellow, 78.7, 0.0, 55.7",
        "green, green, 51.1, -20.6, 10.9", "blue, blue, 48.9, -4.5, -19.6", "blue, navy, 21.2, 5.9, -16.4",
        "purple, purple, 30.2, 23.3, -22.7", "purple, lavender, 55.0, 14.7, -13.9",
        "white, white, 83.4, 0.1, 12.0", "grey, grey, 51.0, 0.6, 13.1",
    })
    void publishedCentroidsNameTheirCategory(String term, String centoreName, double l, double a, double b) {
        assertThat(ColourCategories.classify(l, a, b).label()).isEqualTo(term);
    }

    /** Shading scales linear light; hue and relative chroma hold, so the name holds down to deep shadow. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "red, 200, 30, 40", "red, 130, 20, 25", "orange, 240, 120, 20", "yellow, 240, 200, 40", "green, 40, 140, 60",
        "blue, 21, 96, 189", "blue, 60, 90, 140", "purple, 110, 40, 140", "pink, 255, 105, 180", "brown, 189, 170, 130",
    })
    void aColourKeepsItsNameInShade(String term, int r, int g, int b) {
        for (double light : new double[] {1, 0.5, 0.25, 0.12}) {
            int[] rgb = Patches.shaded(new int[] {r, g, b}, light);
            try (Mat patch = Patches.paint(4, 4, 0, (x, y) -> rgb)) {
                LabSamples s = LabSamples.of(patch, null, 4096);
                assertThat(ColourCategories.classify(s.lab[0], s.lab[1], s.lab[2]).label())
                        .as("%s at %.0f%% light (%d, %d, %d)", term, 100 * light, rgb[0], rgb[1], rgb[2]).isEqualTo(term);
            }
        }
    }

    @Test
    void neutralColoursAreNamedByLightness() {
        assertThat(ColourCategories.classify(5, 0, 0)).isEqualTo(ColourTerm.BLACK);
        assertThat(ColourCategories.classify(12, 2, -8)).as("black cloth with a blue cast").isEqualTo(ColourTerm.BLACK);
        assertThat(ColourCategories.classify(50, 1, -3)).isEqualTo(ColourTerm.GREY);
        assertThat(ColourCategories.classify(70, 3, -7)).as("light grey").isEqualTo(ColourTerm.GREY);
        assertThat(ColourCategories.classify(92, -1, 6)).as("warm white").isEqualTo(ColourTerm.WHITE);
        assertThat(ColourCategories.classify(92, 1, -8)).as("white in bluish shade light").isEqualTo(ColourTerm.WHITE);
    }

    @Test
    void hueSectorsWrapRoundTheCircle() {
        assertThat(ColourCategories.sector(-10)).isEqualTo(ColourCategories.sector(350));
        assertThat(ColourCategories.sector(0)).isEqualTo(ColourCategories.sector(40.9));
        assertThat(ColourCategories.sector(41)).isNotEqualTo(ColourCategories.sector(40.9));
        assertThat(ColourCategories.sector(720 + 200)).isEqualTo(ColourCategories.sector(200));
    }
}
