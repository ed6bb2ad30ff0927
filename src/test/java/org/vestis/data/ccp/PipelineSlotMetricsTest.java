package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PipelineSlotMetricsTest {
    private static final List<String> BOTTOMS = List.of("pants", "shorts", "skirt", "dress");

    private static PipelineSlotMetrics.Photo photo(Map<String, String> truth, Map<String, String> answer) {
        return new PipelineSlotMetrics.Photo("p", truth, answer, false);
    }

    private static PipelineSlotMetrics.Photo missed(Map<String, String> truth) {
        return new PipelineSlotMetrics.Photo("p", truth, Map.of(), true);
    }

    @Test
    void classAccuracyIsOverPhotosWearingTheSlotWithNoneAndMissesWrong() {
        List<PipelineSlotMetrics.Photo> photos = List.of(
                photo(Map.of("bottom", "pants"), Map.of("bottom", "pants")),
                photo(Map.of("bottom", "skirt"), Map.of("bottom", "pants")),
                photo(Map.of("bottom", "skirt"), Map.of("bottom", "none")),   // legs not seen
                photo(Map.of(), Map.of("bottom", "shorts")),                  // no bottom in the truth: not scored
                missed(Map.of("bottom", "pants")));
        List<Map<String, String>> train = List.of(Map.of("bottom", "skirt"), Map.of("bottom", "pants"), Map.of("bottom", "pants"), Map.of());
        PipelineSlotMetrics.ClassSlot s = PipelineSlotMetrics.classes("bottom", BOTTOMS, photos, train);
        assertThat(s.photos()).isEqualTo(4);
        assertThat(s.right()).isEqualTo(1);
        assertThat(s.accuracy()).isEqualTo(0.25);
        assertThat(s.majorityClass()).isEqualTo("pants");
        assertThat(s.baseline()).isEqualTo(0.5); // two of the four are pants
        // columns: pants, shorts, skirt, dress, none, no person
        assertThat(s.confusion()[0]).containsExactly(1, 0, 0, 0, 0, 1);
        assertThat(s.confusion()[2]).containsExactly(1, 0, 0, 0, 1, 0);
    }

    @Test
    void presenceCountsPrecisionRecallF1AndTheBaselines() {
        List<PipelineSlotMetrics.Photo> photos = List.of(
                photo(Map.of("headwear", "hat"), Map.of("headwear", "hat")),   // true positive
                photo(Map.of("headwear", "hat"), Map.of("headwear", "none")),  // false negative
                photo(Map.of(), Map.of("headwear", "hat")),                    // false positive
                photo(Map.of(), Map.of("headwear", "none")),                   // true negative
                photo(Map.of(), Map.of("headwear", "none")),                   // true negative
                missed(Map.of("headwear", "hat")),                             // a miss: false negative
                missed(Map.of()));                                             // a miss: false positive
        List<Map<String, String>> train = List.of(Map.of("headwear", "hat"), Map.of(), Map.of());
        PipelineSlotMetrics.PresenceSlot s = PipelineSlotMetrics.presence("headwear", 0.4, photos, train);
        assertThat(s.photos()).isEqualTo(7);
        assertThat(s.worn()).isEqualTo(3);
        assertThat(List.of(s.truePositives(), s.falsePositives(), s.falseNegatives())).containsExactly(1, 2, 2);
        assertThat(s.precision()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.recall()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.f1()).isCloseTo(2 / 6.0, within(1e-9));
        assertThat(s.accuracy()).isCloseTo(3 / 7.0, within(1e-9));
        // Always "worn": precision 3/7, recall 1, F1 6/10.
        assertThat(s.alwaysWornF1()).isCloseTo(0.6, within(1e-9));
        assertThat(s.majorityWorn()).isFalse();
        assertThat(s.majorityAccuracy()).isCloseTo(4 / 7.0, within(1e-9));
        assertThat(s.threshold()).isEqualTo(0.4);
        assertThat(s.confusion()[0]).containsExactly(1, 1, 1);
        assertThat(s.confusion()[1]).containsExactly(1, 2, 1);
    }

    @Test
    void nothingRightIsF1ZeroNotNaN() {
        assertThat(PipelineSlotMetrics.f1(0, 0, 0)).isZero();
        assertThat(PipelineSlotMetrics.f1(0, 3, 2)).isZero();
        assertThat(PipelineSlotMetrics.f1(2, 1, 1)).isCloseTo(4 / 6.0, within(1e-9));
    }

    @Test
    void theThresholdIsTheMiddleOfTheBestF1Plateau() {
        // Worn photos score 0.8 and 0.6, others 0.3 and 0.1: every threshold above 0.30 and up to 0.60 separates them.
        boolean[] worn = {true, true, false, false};
        double[] score = {0.8, 0.6, 0.3, 0.1};
        boolean[] missed = new boolean[4];
        assertThat(PipelineSlotMetrics.chooseThreshold(worn, score, missed)).isEqualTo(0.46); // middle of 0.31 .. 0.60
        // A part not seen (NaN) never counts as worn; a miss changes no threshold's F1 relative to another.
        double[] unseen = {0.8, Double.NaN, 0.3, 0.1};
        assertThat(PipelineSlotMetrics.chooseThreshold(worn, unseen, missed)).isEqualTo(0.56); // middle of 0.31 .. 0.80
        assertThat(PipelineSlotMetrics.chooseThreshold(worn, score, new boolean[]{false, false, false, true})).isEqualTo(0.46);
    }
}
