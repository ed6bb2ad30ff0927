package org.vestis.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {
    private static final List<String> LABELS = List.of("a", "b", "c", "d");

    @Test
    void computesAccuracyTopKConfusionAndPerClassFigures() {
        int[] truth = {0, 0, 1, 2, 3};
        float[][] p = {
                {0.7f, 0.1f, 0.1f, 0.1f},   // right
                {0.1f, 0.6f, 0.2f, 0.1f},   // a predicted b; a ranks 3rd -> inside top-3
                {0.1f, 0.8f, 0.05f, 0.05f}, // right
                {0.4f, 0.3f, 0.2f, 0.1f},   // c predicted a; c ranks 3rd
                {0.5f, 0.3f, 0.15f, 0.05f}, // d predicted a; d ranks 4th -> outside top-3
        };
        Metrics m = Metrics.of(truth, p, LABELS);
        assertThat(m.top1()).isEqualTo(0.4);
        assertThat(m.top3()).isEqualTo(0.8);
        assertThat(m.confusion()[0]).containsExactly(1, 1, 0, 0);
        assertThat(m.confusion()[2]).containsExactly(1, 0, 0, 0);
        // class a: 1 of 3 predictions right (precision 1/3), 1 of 2 found (recall 1/2)
        Metrics.ClassMetrics a = m.perClass().get(0);
        assertThat(a.precision()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(a.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(a.f1()).isCloseTo(0.4, within(1e-9));
        Metrics.ClassMetrics b = m.perClass().get(1);
        assertThat(b.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(b.recall()).isCloseTo(1.0, within(1e-9));
        assertThat(m.macroRecall()).isCloseTo((0.5 + 1 + 0 + 0) / 4, within(1e-9));
        double loss = -(Math.log(0.7) + Math.log(0.1) + Math.log(0.8) + Math.log(0.2) + Math.log(0.05)) / 5;
        assertThat(m.loss()).isCloseTo(loss, within(1e-6));
    }

    @Test
    void tiesRankTheLowerIndexFirst() {
        assertThat(Metrics.rankOf(new float[]{0.5f, 0.5f}, 0)).isZero();
        assertThat(Metrics.rankOf(new float[]{0.5f, 0.5f}, 1)).isEqualTo(1);
    }

    @Test
    void macroAveragesSkipClassesThatNeitherOccurNorArePredicted() {
        // Two photos of class 0, one predicted right, one as class 1; class 2 is absent from this folder.
        Metrics m = Metrics.of(new int[]{0, 0}, new float[][]{{0.8f, 0.1f, 0.1f}, {0.2f, 0.7f, 0.1f}}, java.util.List.of("a", "b", "c"));
        // class a: precision 1, recall 0.5, F1 2/3; class b: predicted once, wrongly: 0, 0, 0; class c left out.
        org.assertj.core.api.Assertions.assertThat(m.macroF1()).isCloseTo((2.0 / 3) / 2, org.assertj.core.api.Assertions.within(1e-9));
        org.assertj.core.api.Assertions.assertThat(m.macroPrecision()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
    }
}
