package org.vestis.data.ccp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SlotMetricsTest {
    @Test
    void judgesEachSlotOverAllClassesWithinTheSlotAndAgainstItsMajorityClass() {
        List<String> labels = List.of("hat", "shirt", "t-shirt", "pants", "skirt");
        Map<String, String> slotOf = Map.of("hat", "headwear", "shirt", "top", "t-shirt", "top", "pants", "bottom", "skirt", "bottom");
        int[] truth = {0, 1, 1, 2, 3, 4};
        float[][] p = {
                {0.9f, 0.1f, 0, 0, 0},        // hat: right
                {0, 0.6f, 0.4f, 0, 0},        // shirt: right
                {0.5f, 0.2f, 0.3f, 0, 0},     // shirt: "hat" over all, t-shirt within the top slot (wrong both ways)
                {0, 0.1f, 0.2f, 0.7f, 0},     // t-shirt: "pants" over all, t-shirt within the slot
                {0, 0, 0, 0.8f, 0.2f},        // pants: right
                {0, 0, 0, 0.6f, 0.4f},        // skirt: pants (wrong)
        };
        int[] train = {10, 30, 20, 50, 5};
        List<SlotMetrics.Slot> slots = SlotMetrics.of(labels, slotOf, truth, p, train);
        assertThat(slots.stream().map(SlotMetrics.Slot::slot)).containsExactly("headwear", "top", "bottom");
        SlotMetrics.Slot top = slots.get(1);
        assertThat(top.count()).isEqualTo(3);
        assertThat(top.accuracy()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(top.maskedAccuracy()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(top.slotRight()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(top.majorityClass()).isEqualTo("shirt");
        assertThat(top.baseline()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(top.maskedConfusion()).isEqualTo(new long[][]{{1, 1}, {0, 1}});
        SlotMetrics.Slot bottom = slots.get(2);
        assertThat(bottom.accuracy()).isEqualTo(0.5);
        assertThat(bottom.baseline()).isEqualTo(0.5);
        assertThat(bottom.majorityClass()).isEqualTo("pants");
        assertThat(slots.get(0).maskedAccuracy()).isEqualTo(1.0);
    }
}
