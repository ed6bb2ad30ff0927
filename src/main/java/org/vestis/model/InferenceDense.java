package org.vestis.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A dense layer of an inference copy: DL4J's configuration and parameters, with the forward pass through
 * {@link OneDnnMatmul}. Training and the rarer options (layer norm, masks) run DL4J's code unchanged.
 */
public class InferenceDense extends DenseLayer {
    public InferenceDense() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        Layer layer = new Layer(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    public static class Layer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (training || hasLayerNorm() || maskArray != null || input == null || input.rank() != 2) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            INDArray z = OneDnnMatmul.affine(input, getParam(DefaultParamInitializer.WEIGHT_KEY),
                    hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, workspaceMgr);
            return new Pair<>(z, z);
        }
    }
}
