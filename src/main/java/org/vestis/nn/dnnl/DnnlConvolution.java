package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;


/**
 * A DL4J convolution helper that calls oneDNN 3 (the org.bytedeco:dnnl presets) directly for NCHW float
 * convolutions without dilation, and leaves everything else to DL4J's own oneDNN helper, its superclass.
 * Measured at batch 128 on 2 cores (AVX-512): seed-cnn's 32->64 convolution at 26x26 takes 15 ms for both
 * gradients in oneDNN 3 against 42 ms in nd4j-native's {@code conv2d_bp}; fashion-cnn's 64->192 at 7x7 7 ms
 * against 43 ms (benchmarks/RESULTS.md). The primitives are kept between calls ({@link DnnlConvolutionPlan}).
 *
 * <p>For the first layer of a network, whose input gradient nothing uses, {@code skipInputGradient} leaves
 * that gradient out (seed-cnn's first convolution spent most of its backward time on it) and returns none.
 */
final class DnnlConvolution extends MKLDNNConvHelper {
    private final boolean skipInputGradient;
    private final boolean channelsLast;
    private DnnlConvolutionPlan plan;
    private INDArray biasGradientScratch;

    /**
     * Being an MKLDNNConvHelper also makes DL4J pass no bias gradient for a layer without bias, as for DL4J's helper.
     *
     * @param channelsLast whether the output is stored channel-last ({@link NhwcArrays}): only where the layers that
     *                     read it run in oneDNN too ({@link DnnlHelpers} decides)
     */
    DnnlConvolution(DataType type, boolean skipInputGradient, boolean channelsLast) {
        super(type);
        this.skipInputGradient = skipInputGradient;
        this.channelsLast = channelsLast;
    }

    boolean channelsLast() {
        return channelsLast;
    }

    boolean skipsInputGradient() {
        return skipInputGradient;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                              CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, weights, dilation, format)) {
            return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation, format, workspaceMgr);
        }
        DnnlConvolutionPlan p = plan(input, weights, kernel, strides, pad, convolutionMode, dilation);
        INDArray out = NhwcArrays.create(workspaceMgr, ArrayType.ACTIVATIONS, p.outputShape(), channelsLast);
        INDArray b = bias == null ? detachedZeros(weights.size(0)) : NativeAddress.rowMajor(bias);
        p.forward(NhwcArrays.readable(input), NativeAddress.rowMajor(weights), b, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta, int[] kernel,
                                                     int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView,
                                                     IActivation afn, AlgoMode mode, BwdFilterAlgo bwdFilterAlgo,
                                                     BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, weights, dilation, format)) {
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView, weightGradView,
                    afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, workspaceMgr);
        }
        DnnlConvolutionPlan p = plan(input, weights, kernel, strides, pad, convolutionMode, dilation);
        INDArray d = NhwcArrays.readable(delta);
        INDArray weightGrad = NativeAddress.rowMajor(weightGradView);
        INDArray biasGrad = biasGradView == null ? unusedBiasGradient(weights.size(0)) : NativeAddress.rowMajor(biasGradView);
        INDArray x = NhwcArrays.readable(input);
        INDArray inputGrad = skipInputGradient ? null : NhwcArrays.like(x, workspaceMgr, ArrayType.ACTIVATION_GRAD);
        p.backward(x, NativeAddress.rowMajor(weights), d, weightGrad, biasGrad, inputGrad);
        NativeAddress.copyBack(weightGrad, weightGradView);
        Gradient g = new DefaultGradient();
        if (biasGradView != null) {
            NativeAddress.copyBack(biasGrad, biasGradView);
            g.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        g.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(g, inputGrad);
    }

    private static boolean handles(INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT
                && dilation[0] == 1 && dilation[1] == 1 && input.rank() == 4;
    }

    private DnnlConvolutionPlan plan(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
                                     ConvolutionMode mode, int[] dilation) {
        long[] inShape = input.shape();
        if (plan == null || !plan.fits(inShape, channelsLast)) {
            SlidingWindow window = SlidingWindow.of(input, kernel, strides, pad, mode, dilation);
            long[] outShape = {inShape[0], weights.size(0), window.outSize()[0], window.outSize()[1]};
            plan = new DnnlConvolutionPlan(inShape, weights.shape(), outShape, strides, window, channelsLast);
        }
        return plan;
    }

    /** Zeros for a forward pass without bias (DL4J passes zeros of its own, so this is a safety net only). */
    private static INDArray detachedZeros(long n) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(DataType.FLOAT, n);
        }
    }

    /** Where oneDNN's bias gradient goes for a layer without bias. */
    private INDArray unusedBiasGradient(long n) {
        if (biasGradientScratch == null || biasGradientScratch.length() != n) {
            biasGradientScratch = detachedZeros(n);
        }
        return biasGradientScratch;
    }
}
