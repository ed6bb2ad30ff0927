package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.softmax_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.dnnl.global.dnnl;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a {@link DnnlInferencePlan}: walks the graph in its topological order, adding each vertex's primitives and
 * the reorders between them, then places the intermediate results in the workspace ({@link WorkspaceLayout}).
 */
final class DnnlPlanBuilder {
    private static final memory.data_type F32 = memory.data_type.f32;

    /** A vertex's output: its memory (whose descriptor holds the NCHW or NC dimensions and the layout). */
    private record Value(memory mem, memory.desc desc, long[] dims) {
    }

    private final ComputationGraph graph;
    private final DnnlPlanMemory shared;
    private final ComputationGraphConfiguration conf;
    private final long[] inputShape;
    private final long batch;
    private final Map<String, InputType> types;
    private final Map<String, Value> values = new HashMap<>();
    private final List<DnnlInferencePlan.Step> steps = new ArrayList<>();
    /** Each intermediate result's first and last step (by identity: JavaCPP pointers are equal by address). */
    private final Map<memory, int[]> lifetimes = new IdentityHashMap<>();
    /** The intermediate results in the order they were made. */
    private final List<memory> intermediates = new ArrayList<>();
    private final stream setup = new stream(DnnlConvolutionPlan.ENGINE);

    DnnlPlanBuilder(ComputationGraph graph, long[] inputShape, DnnlPlanMemory shared) {
        this.graph = graph;
        this.shared = shared;
        this.conf = graph.getConfiguration();
        this.inputShape = inputShape.clone();
        this.batch = inputShape[0];
        if (inputShape.length != 4 || conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new DnnlInferencePlan.Unsupported("one image input and one output only");
        }
        types = conf.getLayerActivationTypes(InputType.convolutional(inputShape[2], inputShape[3], inputShape[1]));
    }

    DnnlInferencePlan build() {
        memory.desc inputDesc = new memory.desc(inputShape, F32, memory.format_tag.nchw);
        memory input = new memory(inputDesc, DnnlConvolutionPlan.ENGINE, (Pointer) null);
        values.put(conf.getNetworkInputs().get(0), new Value(input, inputDesc, inputShape));
        for (String name : conf.getTopologicalOrderStr()) {
            if (!values.containsKey(name)) {
                values.put(name, vertex(name, conf.getVertices().get(name)));
            }
        }
        Value last = values.get(conf.getNetworkOutputs().get(0));
        if (last.dims.length != 2) {
            throw new DnnlInferencePlan.Unsupported("the output is not [batch, classes]");
        }
        memory.desc outDesc = new memory.desc(last.dims, F32, memory.format_tag.nc);
        memory output = new memory(outDesc, DnnlConvolutionPlan.ENGINE, (Pointer) null);
        reorderInto(last.mem, output);
        setup._wait();
        long[] offsets = new long[intermediates.size()];
        long bytes = WorkspaceLayout.place(intermediates.stream().map(m -> m.get_desc().get_size()).toList(),
                intermediates.stream().map(lifetimes::get).toList(), offsets);
        return new DnnlInferencePlan(last.dims, input, output, steps, intermediates, offsets, bytes);
    }

    /** The arguments of one step, and which memories they are (to know how long each result must live). */
    private static final class Args {
        final IntMemoryMap map = new IntMemoryMap();
        final List<memory> memories = new ArrayList<>();

        void put(int key, memory m) {
            map.put(key, m);
            memories.add(m);
        }
    }

    private void addStep(primitive op, Args args) {
        int index = steps.size();
        for (memory m : args.memories) {
            int[] life = lifetimes.get(m);
            if (life != null) {
                life[0] = Math.min(life[0], index);
                life[1] = Math.max(life[1], index);
            }
        }
        steps.add(new DnnlInferencePlan.Step(op, args.map));
    }

    /** A result kept in the workspace, placed there once the plan is complete. */
    private memory intermediate(memory.desc desc) {
        memory m = new memory(desc, DnnlConvolutionPlan.ENGINE, (Pointer) null);
        lifetimes.put(m, new int[]{Integer.MAX_VALUE, -1});
        intermediates.add(m);
        return m;
    }

    private Value vertex(String name, GraphVertex v) {
        List<String> inputs = conf.getVertexInputs().get(name);
        if (v instanceof ElementWiseVertex e) {
            if (e.getOp() != ElementWiseVertex.Op.Add || inputs.size() != 2) {
                throw new DnnlInferencePlan.Unsupported("element-wise " + e.getOp() + " of " + inputs.size());
            }
            return add(values.get(inputs.get(0)), values.get(inputs.get(1)));
        }
        if (!(v instanceof LayerVertex lv) || inputs.size() != 1) {
            throw new DnnlInferencePlan.Unsupported("vertex " + name + " (" + v.getClass().getSimpleName() + ")");
        }
        Value in = values.get(inputs.get(0));
        Layer layer = lv.getLayerConf().getLayer();
        InputType outType = types.get(name);
        InputPreProcessor preprocessor = lv.getPreProcessor();
        boolean flattens = layer instanceof DenseLayer || layer instanceof OutputLayer;
        if (preprocessor != null && !flattens && !layoutOnly(preprocessor, in)) {
            throw new DnnlInferencePlan.Unsupported("preprocessor before " + name);
        }
        if (layer instanceof Deconvolution2D || layer instanceof SeparableConvolution2D || layer instanceof Convolution1DLayer
                || layer instanceof Subsampling1DLayer) {
            throw new DnnlInferencePlan.Unsupported("layer " + name + " (" + layer.getClass().getSimpleName() + ")");
        }
        if (layer instanceof ConvolutionLayer c) {
            return convolution(name, c, in, (InputType.InputTypeConvolutional) outType);
        }
        if (layer instanceof SubsamplingLayer s) {
            return pooling(s, in, (InputType.InputTypeConvolutional) outType);
        }
        if (layer instanceof GlobalPoolingLayer g) {
            return globalPooling(g, in);
        }
        if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
            return dense(name, (BaseLayer) layer, preprocessor, in);
        }
        if (layer instanceof ActivationLayer a) {
            return activation(a.getActivationFn(), in);
        }
        if (layer instanceof DropoutLayer) {
            return in;
        }
        throw new DnnlInferencePlan.Unsupported("layer " + name + " (" + layer.getClass().getSimpleName() + ")");
    }

    /**
     * Whether a preprocessor only changes how an image is laid out in memory (as the NCHW-to-NHWC step at the
     * start of a channels-last copy does): the plan keeps its own layouts, so for it that step is nothing.
     */
    private static boolean layoutOnly(InputPreProcessor preprocessor, Value in) {
        if (in.dims.length != 4) {
            return false;
        }
        InputType.InputTypeConvolutional before = (InputType.InputTypeConvolutional) InputType.convolutional(in.dims[2], in.dims[3], in.dims[1]);
        return preprocessor.getOutputType(before) instanceof InputType.InputTypeConvolutional after
                && after.getHeight() == before.getHeight() && after.getWidth() == before.getWidth()
                && after.getChannels() == before.getChannels();
    }

    private Value convolution(String name, ConvolutionLayer c, Value in, InputType.InputTypeConvolutional outType) {
        if (c.getCnn2dDataFormat() != CNN2DFormat.NHWC && c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new DnnlInferencePlan.Unsupported("convolution format");
        }
        long inChannels = in.dims[1];
        long outChannels = outType.getChannels();
        long[] dst = {batch, outChannels, outType.getHeight(), outType.getWidth()};
        int[] kernel = c.getKernelSize();
        SlidingWindow window = window(in, dst, kernel, c.getStride(), c.getPadding(), c.getConvolutionMode(), c.getDilation());
        INDArray w = graph.getLayer(name).getParam("W");
        long[] wDims;
        long[] wStrides;
        if (c instanceof DepthwiseConvolution2D) {
            // DL4J: [kH, kW, channels, multiplier]; oneDNN: groups of [multiplier, 1, kH, kW], one per channel.
            wDims = new long[]{inChannels, outChannels / inChannels, 1, kernel[0], kernel[1]};
            wStrides = new long[]{w.stride(2), w.stride(3), w.length(), w.stride(0), w.stride(1)};
        } else {
            wDims = new long[]{outChannels, inChannels, kernel[0], kernel[1]};
            wStrides = w.stride();
        }
        long[] dilates = {c.getDilation()[0] - 1L, c.getDilation()[1] - 1L};
        long[] strides = {c.getStride()[0], c.getStride()[1]};
        memory.desc src = any(in.dims);
        memory.desc wei = any(wDims);
        memory.desc out = any(dst);
        primitive_attr attr = fused(c.getActivationFn());
        convolution_forward.primitive_desc pd = c.hasBias()
                ? new convolution_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference,
                dnnl.algorithm.convolution_direct, src, wei, new memory.desc(new long[]{outChannels}, F32, memory.format_tag.x), out,
                strides, dilates, window.padBefore(), window.padAfter(), attr, false)
                : new convolution_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference,
                dnnl.algorithm.convolution_direct, src, wei, out, strides, dilates, window.padBefore(), window.padAfter(), attr, false);
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_SRC, as(in, pd.src_desc()));
        args.put(dnnl.DNNL_ARG_WEIGHTS, constant(name + "/W", w, new memory.desc(wDims, F32, wStrides), pd.weights_desc()));
        if (c.hasBias()) {
            INDArray b = graph.getLayer(name).getParam("b");
            args.put(dnnl.DNNL_ARG_BIAS, constant(name + "/b", b, vector(b), pd.bias_desc()));
        }
        return produce(new convolution_forward(pd), args, pd.dst_desc(), dst);
    }

    private Value pooling(SubsamplingLayer s, Value in, InputType.InputTypeConvolutional outType) {
        dnnl.algorithm algorithm = switch (s.getPoolingType()) {
            case MAX -> dnnl.algorithm.pooling_max;
            case AVG -> s.isAvgPoolIncludePadInDivisor() ? dnnl.algorithm.pooling_avg_include_padding
                    : dnnl.algorithm.pooling_avg_exclude_padding;
            default -> throw new DnnlInferencePlan.Unsupported("pooling " + s.getPoolingType());
        };
        long[] dst = {batch, in.dims[1], outType.getHeight(), outType.getWidth()};
        SlidingWindow window = window(in, dst, s.getKernelSize(), s.getStride(), s.getPadding(), s.getConvolutionMode(), s.getDilation());
        return pool(algorithm, in, dst, new long[]{s.getStride()[0], s.getStride()[1]},
                new long[]{s.getKernelSize()[0], s.getKernelSize()[1]},
                new long[]{s.getDilation()[0] - 1L, s.getDilation()[1] - 1L}, window.padBefore(), window.padAfter());
    }

    /** Kept 4-D ([batch, channels, 1, 1]); the dense layer after it reads it so. */
    private Value globalPooling(GlobalPoolingLayer g, Value in) {
        dnnl.algorithm algorithm = switch (g.getPoolingType()) {
            case MAX -> dnnl.algorithm.pooling_max;
            case AVG -> dnnl.algorithm.pooling_avg_exclude_padding;
            default -> throw new DnnlInferencePlan.Unsupported("global pooling " + g.getPoolingType());
        };
        if (in.dims.length != 4 || !g.isCollapseDimensions()) {
            throw new DnnlInferencePlan.Unsupported("global pooling of " + in.dims.length + " dimensions");
        }
        long[] dst = {batch, in.dims[1], 1, 1};
        long[] none = {0, 0};
        return pool(algorithm, in, dst, new long[]{1, 1}, new long[]{in.dims[2], in.dims[3]}, none, none, none);
    }

    private Value pool(dnnl.algorithm algorithm, Value in, long[] dst, long[] strides, long[] kernel, long[] dilation,
                       long[] padBefore, long[] padAfter) {
        var pd = new pooling_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference, algorithm,
                in.desc, any(dst), strides, kernel, dilation, padBefore, padAfter);
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_SRC, as(in, pd.src_desc()));
        return produce(new pooling_forward(pd), args, pd.dst_desc(), dst);
    }

    private Value dense(String name, BaseLayer layer, InputPreProcessor flatten, Value in) {
        INDArray w = graph.getLayer(name).getParam("W"); // [inputs, outputs]
        long outputs = w.size(1);
        long[] wDims;
        long[] wStrides;
        if (in.dims.length == 2) {
            wDims = new long[]{outputs, in.dims[1]};
            wStrides = new long[]{w.stride(1), w.stride(0)};
        } else {
            long c = in.dims[1];
            long h = in.dims[2];
            long wd = in.dims[3];
            if (c * h * wd != w.size(0)) {
                throw new DnnlInferencePlan.Unsupported("dense input size");
            }
            long r = w.stride(0);
            boolean channelsLastRows = flatten == null
                    || flatten instanceof CnnToFeedForwardPreProcessor f && f.getFormat() == CNN2DFormat.NHWC;
            if (flatten != null && !(flatten instanceof CnnToFeedForwardPreProcessor)) {
                throw new DnnlInferencePlan.Unsupported("preprocessor " + flatten.getClass().getSimpleName());
            }
            // The rows follow the flatten's order: (y, x, channel) for channels-last, else (channel, y, x).
            wDims = new long[]{outputs, c, h, wd};
            wStrides = channelsLastRows ? new long[]{w.stride(1), r, wd * c * r, c * r}
                    : new long[]{w.stride(1), h * wd * r, wd * r, r};
        }
        IActivation activation = layer.getActivationFn();
        boolean softmax = activation instanceof ActivationSoftmax;
        long[] dst = {batch, outputs};
        INDArray b = graph.getLayer(name).getParam("b"); // null for a layer without bias
        primitive_attr attr = softmax ? new primitive_attr() : fused(activation);
        var pd = b != null
                ? new inner_product_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference,
                in.desc, any(wDims), new memory.desc(new long[]{outputs}, F32, memory.format_tag.x), any(dst), attr, false)
                : new inner_product_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference,
                in.desc, any(wDims), any(dst), attr, false);
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_SRC, as(in, pd.src_desc()));
        args.put(dnnl.DNNL_ARG_WEIGHTS, constant(name + "/W", w, new memory.desc(wDims, F32, wStrides), pd.weights_desc()));
        if (b != null) {
            args.put(dnnl.DNNL_ARG_BIAS, constant(name + "/b", b, vector(b), pd.bias_desc()));
        }
        Value z = produce(new inner_product_forward(pd), args, pd.dst_desc(), dst);
        return softmax ? softmax(z) : z;
    }

    private Value softmax(Value in) {
        var pd = new softmax_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference,
                dnnl.algorithm.softmax_accurate, in.desc, in.desc, 1);
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_SRC, in.mem);
        return produce(new softmax_forward(pd), args, pd.dst_desc(), in.dims);
    }

    private Value activation(IActivation activation, Value in) {
        if (activation instanceof ActivationIdentity) {
            return in;
        }
        float[] ab = {0, 0};
        dnnl.algorithm algorithm = eltwise(activation, ab);
        var pd = new eltwise_forward.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.prop_kind.forward_inference, algorithm,
                in.desc, in.desc, ab[0], ab[1]);
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_SRC, in.mem);
        return produce(new eltwise_forward(pd), args, pd.dst_desc(), in.dims);
    }

    private Value add(Value a, Value b) {
        var pd = new binary.primitive_desc(DnnlConvolutionPlan.ENGINE, dnnl.algorithm.binary_add, a.desc, b.desc, any(a.dims));
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_SRC_0, a.mem);
        args.put(dnnl.DNNL_ARG_SRC_1, b.mem);
        return produce(new binary(pd), args, pd.dst_desc(), a.dims);
    }

    /** Adds a step writing into a new buffer of layout {@code dst}, which it returns as the vertex's value. */
    private Value produce(primitive op, Args args, memory.desc dst, long[] dims) {
        memory out = intermediate(dst);
        args.put(dnnl.DNNL_ARG_DST, out);
        addStep(op, args);
        return new Value(out, dst, dims);
    }

    /** {@code value}'s memory in layout {@code wanted}: itself, or a buffer a new reorder step fills. */
    private memory as(Value value, memory.desc wanted) {
        if (value.desc.equals(wanted)) {
            return value.mem;
        }
        memory converted = intermediate(wanted);
        reorderInto(value.mem, converted);
        return converted;
    }

    private void reorderInto(memory from, memory to) {
        Args args = new Args();
        args.put(dnnl.DNNL_ARG_FROM, from);
        args.put(dnnl.DNNL_ARG_TO, to);
        addStep(new reorder(from, to), args);
    }

    /** A parameter copied, once, from its ND4J array (described by {@code layout}) into the layout {@code wanted}. */
    private memory constant(String name, INDArray param, memory.desc layout, memory.desc wanted) {
        return shared.weight(name, wanted, () -> {
            INDArray values = param.dataType() == DataType.FLOAT ? param : param.castTo(DataType.FLOAT);
            memory source = new memory(layout, DnnlConvolutionPlan.ENGINE, NativeAddress.of(values));
            memory copy = new memory(wanted, DnnlConvolutionPlan.ENGINE);
            new reorder(source, copy).execute(setup, source, copy);
            setup._wait();
            return copy;
        });
    }

    private SlidingWindow window(Value in, long[] dst, int[] kernel, int[] strides, int[] padding, ConvolutionMode mode, int[] dilation) {
        if (in.dims.length != 4) {
            throw new DnnlInferencePlan.Unsupported("a window over " + in.dims.length + " dimensions");
        }
        return SlidingWindow.of(new int[]{(int) in.dims[2], (int) in.dims[3]}, new int[]{(int) dst[2], (int) dst[3]},
                kernel, strides, padding, mode, dilation);
    }

    private static primitive_attr fused(IActivation activation) {
        primitive_attr attr = new primitive_attr();
        if (!(activation instanceof ActivationIdentity)) {
            float[] ab = {0, 0};
            dnnl.algorithm algorithm = eltwise(activation, ab);
            post_ops ops = new post_ops();
            ops.append_eltwise(algorithm, ab[0], ab[1]);
            attr.set_post_ops(ops);
        }
        return attr;
    }

    /** The oneDNN element-wise algorithm of a DL4J activation, its alpha and beta written into {@code ab}. */
    private static dnnl.algorithm eltwise(IActivation activation, float[] ab) {
        if (activation instanceof ActivationReLU6) {
            ab[0] = 0;
            ab[1] = 6;
            return dnnl.algorithm.eltwise_clip;
        }
        if (activation instanceof ActivationReLU r && isZero(r.getMax()) && isZero(r.getThreshold()) && isZero(r.getNegativeSlope())) {
            return dnnl.algorithm.eltwise_relu;
        }
        if (activation instanceof ActivationSigmoid) {
            return dnnl.algorithm.eltwise_logistic;
        }
        throw new DnnlInferencePlan.Unsupported("activation " + activation);
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0;
    }

    /** A bias, [n] or [1, n], as oneDNN's vector. */
    private static memory.desc vector(INDArray bias) {
        return new memory.desc(new long[]{bias.length()}, F32, new long[]{bias.stride(bias.rank() - 1)});
    }

    private static memory.desc any(long[] dims) {
        return new memory.desc(dims, F32, memory.format_tag.any);
    }
}
