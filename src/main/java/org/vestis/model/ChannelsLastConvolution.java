package org.vestis.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A convolution layer of a {@link ChannelsLast} inference copy: the same configuration and parameters as DL4J's
 * own, but its layer hands channels-last input straight to the oneDNN helper ({@link ChannelsLastConvolutionLayer}).
 * The no-argument constructor is what DL4J's JSON reader uses.
 */
public class ChannelsLastConvolution extends ConvolutionLayer {
    public ChannelsLastConvolution() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new ChannelsLastConvolutionLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }
}
