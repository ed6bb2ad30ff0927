package org.vestis.nn.dnnl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceLayoutTest {

    @Test
    void buffersOfStepsThatDoNotOverlapShareBytesAndOverlappingOnesNever() {
        // A chain a -> b -> c -> d: each result lives from the step that writes it to the step that reads it.
        List<Long> sizes = List.of(1000L, 4000L, 2000L, 100L);
        List<int[]> lifetimes = List.of(new int[]{0, 1}, new int[]{1, 2}, new int[]{2, 3}, new int[]{3, 3});
        long[] offsets = new long[4];

        long bytes = WorkspaceLayout.place(sizes, lifetimes, offsets);

        assertThat(bytes).as("the largest two neighbours at once, 64-byte aligned").isEqualTo(4032 + 2048);
        for (int i = 0; i < 4; i++) {
            assertThat(offsets[i] % 64).isZero();
            for (int j = i + 1; j < 4; j++) {
                boolean sameTime = lifetimes.get(i)[0] <= lifetimes.get(j)[1] && lifetimes.get(j)[0] <= lifetimes.get(i)[1];
                boolean sameBytes = offsets[i] < offsets[j] + sizes.get(j) && offsets[j] < offsets[i] + sizes.get(i);
                assertThat(sameTime && sameBytes).as("buffers %d and %d", i, j).isFalse();
            }
        }
        assertThat(offsets[0]).as("a is done before c is written: c reuses a's bytes").isEqualTo(offsets[2]);
    }

    @Test
    void aResidualInputKeptAcrossSeveralStepsStaysApartFromEverythingInBetween() {
        List<Long> sizes = List.of(640L, 640L, 640L, 640L);
        List<int[]> lifetimes = List.of(new int[]{0, 3}, new int[]{1, 2}, new int[]{2, 3}, new int[]{3, 4});
        long[] offsets = new long[4];

        long bytes = WorkspaceLayout.place(sizes, lifetimes, offsets);

        assertThat(bytes).isEqualTo(3 * 640);
        assertThat(offsets[0]).isNotIn(offsets[1], offsets[2], offsets[3]);
        assertThat(offsets[1]).isEqualTo(offsets[3]);
    }
}
