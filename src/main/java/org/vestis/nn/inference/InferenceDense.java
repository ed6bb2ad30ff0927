package org.vestis.nn.inference;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.nn.LayerWiring;

import java.util.Collection;

/**
 * A dense layer of an inference copy: DL4J's configuration and parameters, with the forward pass through
 * {@link InferenceMatmul}. Training and the rarer options (layer norm, masks) run DL4J's code unchanged.
 */
public class InferenceDense extends DenseLayer {
    public InferenceDense() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            INDArray z = InferenceMatmul.inferencePreOutput(this, training, workspaceMgr);
            return z != null ? new Pair<>(z, z) : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
    }
}
