package org.vestis.video.smooth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopNSmootherTest {
    @Test
    void averagesTheNBestFramesAndIgnoresWorseOnes() {
        TopNSmoother s = new TopNSmoother(2);
        s.update(1, 0.9, new float[]{1, 0});
        s.update(1, 0.8, new float[]{0.5f, 0.5f});
        // A blurry frame (low quality) that is confidently wrong does not enter the top 2.
        float[] smoothed = s.update(1, 0.1, new float[]{0, 1});
        assertThat(smoothed[0]).isCloseTo(0.75f, within(1e-6f));
        assertThat(smoothed[1]).isCloseTo(0.25f, within(1e-6f));
        // A better frame pushes out the worst of the kept ones.
        smoothed = s.update(1, 0.95, new float[]{0, 1});
        assertThat(smoothed[0]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void tracksAreIndependentAndForgettingResets() {
        TopNSmoother s = new TopNSmoother(3);
        s.update(1, 1, new float[]{1, 0});
        assertThat(s.update(2, 1, new float[]{0, 1})).containsExactly(0, 1);
        s.forget(1);
        assertThat(s.update(1, 0.1f, new float[]{0, 1})).containsExactly(0, 1);
    }
}
