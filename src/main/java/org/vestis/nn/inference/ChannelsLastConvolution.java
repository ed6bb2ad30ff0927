package org.vestis.nn.inference;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.nn.LayerWiring;

import java.util.Collection;

/**
 * A convolution of a {@link ChannelsLast} inference copy. DL4J 1.0.0-M2.1's convolution copies every channels-last
 * input into channels-first before it calls the oneDNN helper, although the helper takes channels-last as it is:
 * 22% of MobileNetV2's inference time (benchmarks/RESULTS.md). Ours skips that copy for inference; training and
 * the no-helper case run DL4J's code unchanged.
 */
public class ChannelsLastConvolution extends ConvolutionLayer {
    public ChannelsLastConvolution() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        public Layer(NeuralNetConfiguration conf, DataType dataType) {
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

        /** The helper always adds a bias; a layer without one gets DL4J's own zero bias for that case, made once. */
        private INDArray bias() {
            if (hasBias()) {
                return getParam(ConvolutionParamInitializer.BIAS_KEY);
            }
            if (dummyBias == null) {
                try (var ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    dummyBias = Nd4j.create(dataType, 1, layerConf().getNOut());
                }
            }
            return dummyBias;
        }
    }
}
