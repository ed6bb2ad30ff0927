package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the {@link DnnlInferencePlan}s of one network share, as they run one at a time: one buffer for their
 * intermediate results, grown to the largest plan's need, and each weight in every layout a plan asked for (plans
 * for other batch sizes mostly ask for the same), so that a plan per input shape costs little beyond its primitives.
 */
public final class DnnlPlanMemory {
    private final Map<String, List<memory>> weights = new HashMap<>();
    private final AlignedBuffer intermediates = new AlignedBuffer();

    /** The 64-byte aligned address of at least {@code bytes}; moves (and drops the contents) when it grows. */
    long reserve(long bytes) {
        return intermediates.reserve(bytes);
    }

    /** The weight called {@code name} in the layout {@code wanted}, made by {@code copy} the first time it is asked for. */
    memory weight(String name, memory.desc wanted, Supplier<memory> copy) {
        List<memory> layouts = weights.computeIfAbsent(name, n -> new ArrayList<>());
        for (memory m : layouts) {
            if (m.get_desc().equals(wanted)) {
                return m;
            }
        }
        memory made = copy.get();
        layouts.add(made);
        return made;
    }
}
