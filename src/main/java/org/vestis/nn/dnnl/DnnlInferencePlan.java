package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A network's inference forward pass for one input shape as a list of oneDNN primitives, created once: convolutions
 * with their bias and activation fused, poolings, dense layers, residual additions and the softmax, each operand in
 * the layout its primitive prefers (channel blocks), the weights reordered into those layouts once. DL4J instead
 * builds every primitive, and reorders every weight, on every call: at batch 1 that fixed cost was most of the time
 * (benchmarks/RESULTS.md, 2026-11-23: 0.15-0.2 ms per convolution call).
 *
 * <p>Only for inference copies ({@code ChannelsLast}: channels-last convolutions, batch norms already folded) whose
 * every vertex is of a kind handled here; {@link #of} throws {@link Unsupported} for any other. The weights are read
 * when the plan is made: a plan of a network whose parameters change afterwards computes with the old ones.
 */
public final class DnnlInferencePlan {
    /** Thrown by {@link #of} for a network this cannot plan; the caller runs DL4J's forward pass instead. */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why);
        }
    }

    /** A primitive and its arguments. */
    record Step(primitive op, IntMemoryMap args) {
    }

    private final long[] outputShape;
    private final memory input;
    private final memory output;
    private final List<Step> steps;
    /** The intermediate results, each at its offset in the shared buffer, and the bytes they need together. */
    private final List<memory> intermediates;
    private final long[] offsets;
    private final long workspaceBytes;
    private final stream stream = new stream(DnnlConvolutionPlan.ENGINE);
    private long boundTo;

    DnnlInferencePlan(long[] outputShape, memory input, memory output, List<Step> steps,
                      List<memory> intermediates, long[] offsets, long workspaceBytes) {
        this.outputShape = outputShape;
        this.input = input;
        this.output = output;
        this.steps = steps;
        this.intermediates = intermediates;
        this.offsets = offsets;
        this.workspaceBytes = workspaceBytes;
    }

    /**
     * Whether plans can run: oneDNN 3's presets loaded and our oneDNN code not switched off ({@code -Dvestis.onednn=false}
     * or {@code -Dvestis.dnnl=false}, for comparisons).
     */
    public static boolean available() {
        return DnnlHelpers.useDnnl();
    }

    /**
     * The plan of {@code graph} for float inputs of {@code inputShape} ([batch, channels, height, width]), run with
     * the memory all plans of {@code graph} share.
     */
    public static DnnlInferencePlan of(ComputationGraph graph, long[] inputShape, DnnlPlanMemory shared) {
        return new DnnlPlanBuilder(graph, inputShape, shared).build();
    }

    /**
     * The network's output for {@code features} (of this plan's input shape), as a new array outside any ND4J
     * workspace. {@code shared} is the memory the plan was made with; the caller makes sure that no other plan uses
     * it meanwhile.
     */
    public INDArray output(INDArray features, DnnlPlanMemory shared) {
        INDArray x = features.dataType() == DataType.FLOAT && NhwcArrays.rowMajor(features) ? features
                : features.castTo(DataType.FLOAT).dup('c');
        INDArray out;
        try (var ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            out = Nd4j.createUninitialized(DataType.FLOAT, outputShape);
        }
        long base = shared.reserve(workspaceBytes);
        if (base != boundTo) {
            for (int i = 0; i < intermediates.size(); i++) {
                intermediates.get(i).set_data_handle(NativeAddress.at(base + offsets[i]));
            }
            boundTo = base;
        }
        input.set_data_handle(NativeAddress.of(x));
        output.set_data_handle(NativeAddress.of(out));
        for (Step step : steps) {
            step.op.execute(stream, step.args);
        }
        stream._wait();
        return out;
    }
}
