package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import org.vestis.video.ColourTerm;

/** Garment colours of synthetic patches (64x128, the size of a person crop's torso) of known colours. */
class ColourNamesTest {
    static final int W = 64;
    static final int H = 128;

    /** Colour, expected term, sRGB, and the least share of pixels the term must get (khaki sits near grey). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "pure red, red, 255, 0, 0, 0.9", "pure green, green, 0, 160, 0, 0.9", "pure blue, blue, 0, 0, 255, 0.9",
        "yellow, yellow, 250, 220, 30, 0.9", "orange, orange, 255, 140, 0, 0.9", "purple, purple, 128, 0, 128, 0.9",
        "black, black, 15, 15, 15, 0.9", "white, white, 250, 250, 250, 0.9", "mid grey, grey, 128, 128, 128, 0.9",
        "navy, blue, 0, 0, 128, 0.9", "navy cloth, blue, 31, 42, 68, 0.9", "denim blue, blue, 21, 96, 189, 0.9",
        "faded denim, blue, 110, 135, 170, 0.9", "black jeans with a blue cast, black, 28, 30, 40, 0.9",
        "khaki, brown, 195, 176, 145, 0.6", "tan, brown, 210, 180, 140, 0.9", "chocolate, brown, 92, 64, 51, 0.9",
        "pink, pink, 255, 192, 203, 0.9", "hot pink, pink, 255, 105, 180, 0.9", "burgundy, red, 128, 0, 32, 0.9",
        "olive drab, green, 107, 142, 35, 0.9",
    })
    void plainPatchesOfKnownColours(String what, String term, int r, int g, int b, double minShare) {
        try (Mat patch = Patches.uniform(W, H, r, g, b)) {
            GarmentColour c = ColourNames.of(patch);
            assertThat(c.label()).as(what).isEqualTo(term);
            assertThat(c.share()).as(what).isGreaterThanOrEqualTo(minShare);
            assertThat(c.pixels()).isEqualTo(W * H);
        }
    }

    @Test
    void darkRedInShadowStaysRed() {
        int[] red = {150, 20, 28};
        try (Mat patch = Patches.paint(W, H, 3, (x, y) -> Patches.shaded(red, 0.3))) {
            assertThat(ColourNames.of(patch).label()).isEqualTo("red");
        }
    }

    @Test
    void aRedGradientFromLitToDeepShadowStaysRed() {
        int[] red = {210, 25, 35};
        // light falls from full at the top to 8% at the bottom, as over a sleeve turning away from the light
        try (Mat patch = Patches.paint(W, H, 3, (x, y) -> Patches.shaded(red, 1 - 0.92 * y / (H - 1.0)))) {
            GarmentColour c = ColourNames.of(patch);
            assertThat(c.label()).isEqualTo("red");
            assertThat(c.share()).isGreaterThan(0.9);
        }
    }

    @Test
    void aWhiteShirtWithGreyShadingIsWhite() {
        int[] white = {245, 245, 242};
        // a third of the shirt turns from full light to 40% (folds, the side away from the light): grey pixels
        try (Mat patch = Patches.paint(W, H, 3, (x, y) -> x < 2 * W / 3 ? white
                : Patches.shaded(white, 1 - 0.6 * (x - 2 * W / 3.0) / (W / 3.0)))) {
            GarmentColour c = ColourNames.of(patch);
            assertThat(c.label()).isEqualTo("white");
            assertThat(c.twoColoured()).as("folds are not a second colour").isFalse();
        }
    }

    @Test
    void highlightsAndDeepFoldsDoNotVote() {
        int[] green = {40, 140, 60};
        // 3% specular white, 3% near-black fold lines, the rest green
        try (Mat patch = Patches.paint(W, H, 2, (x, y) -> {
            int i = y * W + x;
            if (i % 100 < 3) {
                return new int[] {255, 255, 255};
            }
            return i % 100 < 6 ? new int[] {5, 5, 5} : green;
        })) {
            GarmentColour c = ColourNames.of(patch);
            assertThat(c.colour()).isEqualTo(ColourTerm.GREEN);
            assertThat(c.share()).as("white and black trimmed away").isGreaterThan(0.99);
        }
    }

    @Test
    void aMaskLeavesOutTheSkinAroundAGarment() {
        int[] skin = {224, 172, 140};
        int[] shirt = {30, 60, 170};
        // a narrow blue top between bare arms, face and neck: skin covers most of the crop
        try (Mat crop = Patches.paint(W, H, 3, (x, y) -> x >= 20 && x < 44 && y >= 40 ? shirt : skin);
             Mat garment = Patches.mask(W, H, (x, y) -> x >= 20 && x < 44 && y >= 40)) {
            assertThat(ColourNames.of(crop).colour()).as("unmasked, the skin wins").isEqualTo(ColourTerm.BROWN);
            GarmentColour masked = ColourNames.of(crop, garment);
            assertThat(masked.label()).isEqualTo("blue");
            assertThat(masked.share()).isGreaterThan(0.95);
            assertThat(masked.pixels()).isEqualTo(24 * (H - 40));
        }
    }

    @Test
    void stripesOfTwoColoursGiveBoth() {
        int[] red = {200, 30, 40};
        int[] navy = {31, 42, 68};
        try (Mat stripes = Patches.paint(W, H, 3, (x, y) -> (x / 8) % 2 == 0 ? red : navy)) {
            GarmentColour c = ColourNames.of(stripes);
            assertThat(c.twoColoured()).isTrue();
            assertThat(java.util.List.of(c.colour(), c.second())).containsExactlyInAnyOrder(ColourTerm.RED, ColourTerm.BLUE);
            assertThat(c.share()).isBetween(0.4, 0.6);
            assertThat(c.secondShare()).isBetween(0.4, 0.6);
        }
        int[] black = {20, 20, 20};
        int[] white = {240, 240, 240};
        try (Mat breton = Patches.paint(W, H, 3, (x, y) -> (y / 6) % 3 == 0 ? black : white)) {
            GarmentColour c = ColourNames.of(breton);
            assertThat(c.label()).isEqualTo("white/black");
            assertThat(c.secondShare()).isBetween(0.25, 0.4);
        }
    }

    @Test
    void shadingOnAPlainGarmentIsNotASecondColour() {
        int[] navy = {35, 45, 80};
        // navy trousers whose lower third falls into deep shadow: black pixels, but one colour
        try (Mat patch = Patches.paint(W, H, 3, (x, y) -> y < 2 * H / 3 ? navy : Patches.shaded(navy, 0.08))) {
            GarmentColour c = ColourNames.of(patch);
            assertThat(c.colour()).isEqualTo(ColourTerm.BLUE);
            assertThat(c.twoColoured()).isFalse();
        }
    }

    @Test
    void stripesFinerThanTheSamplingStrideDoNotAlias() {
        int[] red = {200, 30, 40};
        int[] white = {240, 240, 240};
        // 640x640 samples every 10th pixel; 5-pixel stripes would give one colour on a regular grid
        try (Mat big = Patches.paint(640, 640, 0, (x, y) -> (y / 5) % 2 == 0 ? red : white)) {
            GarmentColour c = ColourNames.of(big);
            assertThat(c.twoColoured()).isTrue();
            assertThat(c.share()).isBetween(0.35, 0.65);
        }
    }

    @Test
    void nothingToNameGivesUnknownNeverAGuess() {
        try (Mat patch = Patches.uniform(W, H, 200, 30, 40);
             Mat empty = Patches.mask(W, H, (x, y) -> false);
             Mat tiny = Patches.mask(W, H, (x, y) -> x < 5 && y < 5);
             Mat crop4 = Patches.uniform(4, 4, 200, 30, 40);
             Mat none = new Mat()) {
            GarmentColour c = ColourNames.of(patch, empty);
            assertThat(c.colour()).isEqualTo(ColourTerm.UNKNOWN);
            assertThat(c.known()).isFalse();
            assertThat(c.label()).isEqualTo("unknown");
            assertThat(c.share()).isZero();
            assertThat(c.pixels()).isZero();
            assertThat(ColourNames.of(patch, tiny).colour()).as("25 pixels").isEqualTo(ColourTerm.UNKNOWN);
            assertThat(ColourNames.of(crop4).colour()).as("a 4x4 crop").isEqualTo(ColourTerm.UNKNOWN);
            assertThat(ColourNames.of(none).colour()).isEqualTo(ColourTerm.UNKNOWN);
            assertThat(ColourNames.of(patch, none).colour()).as("a 0x0 mask").isEqualTo(ColourTerm.UNKNOWN);
            assertThat(ColourNames.of(null).colour()).isEqualTo(ColourTerm.UNKNOWN);
        }
    }

    @Test
    void aPatternWithNoDominantColourIsUnknown() {
        int[][] colours = {{200, 30, 40}, {30, 60, 170}, {40, 140, 60}, {250, 220, 30}, {128, 0, 128}};
        try (Mat confetti = Patches.paint(W, H, 0, (x, y) -> colours[Math.floorMod(x / 4 * 7 + y / 4 * 3, 5)])) {
            GarmentColour c = ColourNames.of(confetti);
            assertThat(c.colour()).isEqualTo(ColourTerm.UNKNOWN);
            assertThat(c.share()).as("the best term's share is still told").isBetween(0.15, 0.3);
        }
    }

    @Test
    void aCropInsideALargerFrameIsReadInPlace() {
        try (Mat frame = Patches.paint(200, 200, 2, (x, y) -> x >= 100 ? new int[] {40, 140, 60} : new int[] {250, 250, 250});
             Mat roi = new Mat(frame, new Rect(110, 20, 64, 128))) {
            assertThat(ColourNames.of(roi).label()).isEqualTo("green");
        }
    }

    @Test
    void wrongPixelTypesAreRefused() {
        try (Mat patch = Patches.uniform(W, H, 200, 30, 40);
             Mat smallMask = Patches.mask(W / 2, H, (x, y) -> true);
             Mat floats = new Mat(H, W, CV_32FC3);
             Mat grey = new Mat(H, W, CV_8UC1)) {
            assertThatThrownBy(() -> ColourNames.of(patch, smallMask)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mask");
            assertThatThrownBy(() -> ColourNames.of(floats)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ColourNames.of(grey)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
