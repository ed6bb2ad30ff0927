package org.vestis.nn.inference;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.nn.LayerWiring;

import java.util.Collection;

/**
 * A depthwise convolution of a {@link ChannelsLast} inference copy. DL4J M2.1 zero-fills the output array before
 * libnd4j's op overwrites all of it: 8% of MobileNetV2's inference time (JFR, batch 8). Ours allocates it
 * uninitialised; training runs DL4J's code unchanged.
 */
public class ChannelsLastDepthwise extends DepthwiseConvolution2D {
    public ChannelsLastDepthwise() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends DepthwiseConvolution2DLayer {
        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (training || input == null || input.rank() != 4) {
                return super.preOutput(training, forBackprop, workspaceMgr);
            }
            INDArray in = input.castTo(dataType);
            INDArray weights = getParam(DepthwiseConvolutionParamInitializer.WEIGHT_KEY); // [kH, kW, in, multiplier]
            CNN2DFormat format = layerConf().getCnn2dDataFormat();
            boolean nchw = format == CNN2DFormat.NCHW;
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            int[] dilation = layerConf().getDilation();
            boolean same = convolutionMode == ConvolutionMode.Same;
            int[] pad = same ? null : layerConf().getPadding();
            int[] outSize = ConvolutionUtils.getOutputSize(in, kernel, strides, pad, convolutionMode, dilation, format);
            if (same) {
                int[] inSize = {(int) in.size(nchw ? 2 : 1), (int) in.size(nchw ? 3 : 2)};
                pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, strides, dilation);
            }
            long channels = weights.size(2) * weights.size(3);
            long[] shape = nchw ? new long[]{in.size(0), channels, outSize[0], outSize[1]} : new long[]{in.size(0), outSize[0], outSize[1], channels};
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), shape, 'c');
            INDArray[] inputs = layerConf().hasBias()
                    ? new INDArray[]{in, weights, getParam(DepthwiseConvolutionParamInitializer.BIAS_KEY)}
                    : new INDArray[]{in, weights};
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(inputs).addOutputs(out)
                    .addIntegerArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                            same ? 1 : 0, nchw ? 0 : 1)
                    .callInplace(false).build());
            return new Pair<>(out, null);
        }
    }
}
