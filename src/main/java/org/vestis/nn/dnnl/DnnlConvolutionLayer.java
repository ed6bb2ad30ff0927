package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.nn.LayerWiring;

import java.util.Collection;

/**
 * A convolution layer (DL4J's configuration and parameters) that keeps its output for backprop instead of a copy
 * of its pre-activation. To avoid computing the forward pass again in backprop, DL4J copies every convolution's
 * pre-activation (30 MB per fashion-cnn training step); with the identity or ReLU, the output says all the
 * gradient needs (ReLU passes it where the output is positive). With {@link DnnlConvolution} attached only;
 * otherwise, and with other activations, exactly DL4J's layer.
 */
public class DnnlConvolutionLayer extends ConvolutionLayer {
    public DnnlConvolutionLayer() {
    }

    private DnnlConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /** A size x size convolution with {@code nOut} channels (the network's convolution mode decides the padding). */
    public static DnnlConvolutionLayer of(int size, int nOut, IActivation activation, boolean bias) {
        return new DnnlConvolutionLayer(new ConvolutionLayer.Builder(size, size).nOut(nOut).activation(activation).hasBias(bias));
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        /** The last training output, when backprop can work from it; it is the next layer's input, done with by then. */
        private INDArray output;

        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!training || !outputSuffices()) {
                output = null;
                return super.activate(training, workspaceMgr);
            }
            CacheMode requested = cacheMode;
            cacheMode = CacheMode.NONE; // no copy of the pre-activation
            try {
                output = super.activate(true, workspaceMgr);
            } finally {
                cacheMode = requested;
            }
            return output;
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            // The activation's gradient is computed in place in what this returns: the output serves as well.
            return forBackprop && output != null ? new Pair<>(output, null) : super.preOutput4d(training, forBackprop, workspaceMgr);
        }

        private boolean outputSuffices() {
            IActivation a = layerConf().getActivationFn();
            boolean plainRelu = a instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null;
            return helper instanceof DnnlConvolution && layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && (a instanceof ActivationIdentity || plainRelu);
        }

        @Override
        public void clear() {
            super.clear();
            output = null;
        }
    }
}
