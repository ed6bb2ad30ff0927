package org.vestis.nn.dnnl;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.nn.LayerWiring;

import java.util.Arrays;
import java.util.Collection;

/**
 * Max pooling whose training passes run in oneDNN 3, which keeps where each maximum was in the forward pass for
 * the backward pass. DL4J's backward pass (libnd4j, or its oneDNN helper) finds the maxima again: 2-6 ms per
 * fashion-cnn pooling layer in training, against 0.4-0.9 ms for oneDNN 3's backward on its own. Inference on NCHW
 * arrays, the NHWC data format, dilation, other types and machines without the oneDNN 3 presets run DL4J's own code.
 */
public class DnnlMaxPool extends SubsamplingLayer {
    public DnnlMaxPool() {
    }

    private DnnlMaxPool(SubsamplingLayer.Builder builder) {
        super(builder);
    }

    /** size x size windows with stride size (the network's convolution mode decides the padding). */
    public static DnnlMaxPool of(int size) {
        return new DnnlMaxPool(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(size, size).stride(size, size));
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        private Plan plan;
        /** Whether the last forward pass was training here (and left the maxima's positions in the plan). */
        private boolean forwardHere;

        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            // Inference stays with DL4J's code, faster on NCHW, unless the input is channel-last, which it reads slowly.
            boolean here = usable() && (training || NhwcArrays.permuted(input));
            forwardHere = training && here;
            if (!here) {
                return super.activate(training, workspaceMgr);
            }
            INDArray x = NhwcArrays.readable(input);
            boolean channelsLast = NhwcArrays.is(x);
            if (plan == null || !plan.fits(x.shape(), channelsLast)) {
                SubsamplingLayer c = layerConf();
                SlidingWindow window = SlidingWindow.of(x, c.getKernelSize(), c.getStride(), c.getPadding(), c.getConvolutionMode(), c.getDilation());
                plan = new Plan(x.shape(), channelsLast, c.getKernelSize(), c.getStride(), window);
            }
            INDArray out = NhwcArrays.create(workspaceMgr, ArrayType.ACTIVATIONS, plan.outputShape, NhwcArrays.permuted(x));
            plan.forward(x, out);
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray x = forwardHere ? NhwcArrays.readable(input) : null;
            if (x == null || !plan.fits(x.shape(), NhwcArrays.is(x)) || epsilon.dataType() != DataType.FLOAT) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray dx = NhwcArrays.like(x, workspaceMgr, ArrayType.ACTIVATION_GRAD);
            plan.backward(NhwcArrays.readable(epsilon), dx);
            return new Pair<>(new DefaultGradient(), dx);
        }

        private boolean usable() {
            SubsamplingLayer c = layerConf();
            return DnnlHelpers.useDnnl() && c.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                    && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && Arrays.equals(c.getDilation(), new int[]{1, 1})
                    && input != null && input.rank() == 4 && input.dataType() == DataType.FLOAT;
        }
    }

    /**
     * The forward (training) and backward primitives for one input shape and layout (NCHW, or channel-last where
     * oneDNN's pooling is 3-8x faster), and the maxima's positions between them.
     */
    private static final class Plan {
        private final long[] inputShape;
        private final long[] outputShape;
        private final boolean channelsLast;
        private final stream stream = new stream(DnnlConvolutionPlan.ENGINE);
        private final pooling_forward forward;
        private final pooling_backward backward;
        private final DnnlMemory source;
        /** The output, and in backward its gradient (same layout and scratch buffer). */
        private final DnnlMemory result;
        private final DnnlMemory sourceGradient;
        private final memory maxima;

        Plan(long[] inputShape, boolean channelsLast, int[] kernel, int[] strides, SlidingWindow window) {
            this.inputShape = inputShape.clone();
            this.channelsLast = channelsLast;
            outputShape = new long[]{inputShape[0], inputShape[1], window.outSize()[0], window.outSize()[1]};
            var eng = DnnlConvolutionPlan.ENGINE;
            memory.desc src = NhwcArrays.desc(inputShape, channelsLast);
            memory.desc dst = NhwcArrays.desc(outputShape, channelsLast);
            long[] k = {kernel[0], kernel[1]};
            long[] s = {strides[0], strides[1]};
            long[] noDilation = {0, 0};
            var fpd = new pooling_forward.primitive_desc(eng, dnnl.prop_kind.forward_training, dnnl.algorithm.pooling_max, src, dst,
                    s, k, noDilation, window.padBefore(), window.padAfter());
            var bpd = new pooling_backward.primitive_desc(eng, dnnl.algorithm.pooling_max, src, dst, s, k, noDilation,
                    window.padBefore(), window.padAfter(), fpd);
            forward = new pooling_forward(fpd);
            backward = new pooling_backward(bpd);
            source = new DnnlMemory(src, eng, DnnlScratch.SOURCE);
            result = new DnnlMemory(dst, eng, DnnlScratch.OUTPUT);
            sourceGradient = new DnnlMemory(src, eng, DnnlScratch.SOURCE_GRADIENT);
            maxima = new memory(fpd.workspace_desc(), eng);
        }

        boolean fits(long[] shape, boolean channelsLastInput) {
            return Arrays.equals(inputShape, shape) && channelsLast == channelsLastInput;
        }

        void forward(INDArray x, INDArray out) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(dnnl.DNNL_ARG_SRC, source.read(x, stream));
            args.put(dnnl.DNNL_ARG_DST, result.writeTo(out));
            args.put(dnnl.DNNL_ARG_WORKSPACE, maxima);
            forward.execute(stream, args);
            result.written(stream);
            stream._wait();
        }

        void backward(INDArray dy, INDArray dx) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(dnnl.DNNL_ARG_DIFF_DST, result.read(dy, stream));
            args.put(dnnl.DNNL_ARG_DIFF_SRC, sourceGradient.writeTo(dx));
            args.put(dnnl.DNNL_ARG_WORKSPACE, maxima);
            backward.execute(stream, args);
            sourceGradient.written(stream);
            stream._wait();
        }
    }
}
