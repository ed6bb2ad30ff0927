package org.vestis.nn.dnnl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Places buffers that are each needed from one step to another in one block of memory, so that two of them share
 * bytes only when their steps do not overlap: the largest first, each at the lowest 64-byte aligned offset free of
 * the ones placed before it that live at the same time. A network's activations then take about its largest few
 * at once instead of all of them.
 */
final class WorkspaceLayout {
    private static final long ALIGNMENT = 64;

    private WorkspaceLayout() {
    }

    /**
     * Writes each buffer's offset into {@code offsets} and returns the bytes the block needs.
     *
     * @param lifetimes each buffer's first and last step (inclusive)
     */
    static long place(List<Long> sizes, List<int[]> lifetimes, long[] offsets) {
        List<Integer> bySize = IntStream.range(0, sizes.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> sizes.get(i)).reversed()).toList();
        List<Integer> placed = new ArrayList<>();
        long end = 0;
        for (int i : bySize) {
            long size = aligned(sizes.get(i));
            List<Integer> overlapping = placed.stream().filter(j -> overlap(lifetimes.get(i), lifetimes.get(j)))
                    .sorted(Comparator.comparingLong(j -> offsets[j])).toList();
            long offset = 0;
            for (int j : overlapping) {
                if (offset + size <= offsets[j]) {
                    break;
                }
                offset = Math.max(offset, offsets[j] + aligned(sizes.get(j)));
            }
            offsets[i] = offset;
            placed.add(i);
            end = Math.max(end, offset + size);
        }
        return end;
    }

    private static boolean overlap(int[] a, int[] b) {
        return a[0] <= b[1] && b[0] <= a[1];
    }

    private static long aligned(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
