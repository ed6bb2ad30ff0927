package org.vestis.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J 1.0.0-M2.1's convolution copies every channels-last input into channels-first before it calls the oneDNN
 * helper, although the helper takes channels-last as it is: 22% of MobileNetV2's inference time
 * (benchmarks/RESULTS.md). This layer skips that copy for inference; training and the no-helper case run
 * DL4J's code unchanged.
 */
public class ChannelsLastConvolutionLayer extends ConvolutionLayer {
    private INDArray zeroBias;

    public ChannelsLastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (training || helper == null || layerConf().getCnn2dDataFormat() != CNN2DFormat.NHWC || input.rank() != 4) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        INDArray weights = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray out = helper.preOutput(input.castTo(dataType), weights, bias(), layerConf().getKernelSize(),
                layerConf().getStride(), layerConf().getPadding(), layerConf().getCudnnAlgoMode(),
                layerConf().getCudnnFwdAlgo(), convolutionMode, layerConf().getDilation(), CNN2DFormat.NHWC, workspaceMgr);
        return out != null ? new Pair<>(out, null) : super.preOutput(training, forBackprop, workspaceMgr);
    }

    /** The helper always adds a bias; a layer without one gets zeros, made once. */
    private INDArray bias() {
        if (hasBias()) {
            return getParam(ConvolutionParamInitializer.BIAS_KEY);
        }
        if (zeroBias == null) {
            try (var ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                zeroBias = Nd4j.create(dataType, 1, layerConf().getNOut());
            }
        }
        return zeroBias;
    }
}
