package org.vestis.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A dense layer whose three matrix products (forward, weight gradient, input gradient) run in oneDNN 3
 * ({@link DnnlMatmul}) instead of OpenBLAS. Same configuration and parameters as DL4J's; layer norm, masks,
 * weight noise and other data types, and machines without the oneDNN 3 presets, run DL4J's own code.
 */
public class DnnlDense extends DenseLayer {
    public DnnlDense() {
    }

    /** A dense layer with {@code nOut} outputs and the given activation. */
    public static DnnlDense of(int nOut, org.nd4j.linalg.activations.IActivation activation) {
        DnnlDense layer = new DnnlDense();
        layer.setNOut(nOut);
        layer.setActivationFn(activation);
        return layer;
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
            if (!ours()) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, input.size(0), weights.size(1));
            DnnlMatmul.multiply(input, false, weights, false, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, out);
            return new Pair<>(out, out);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!ours() || !DnnlMatmul.supports(epsilon)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGradient, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
            }
            INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, delta.size(0), weights.size(0));
            DnnlMatmul.multiply(delta, false, weights, true, null, next);
            INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            DnnlMatmul.multiply(input, true, delta, false, null, weightGradient);
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
            return new Pair<>(gradient, backpropDropOutIfPresent(next));
        }

        private boolean ours() {
            return OneDnnHelpers.enabled() && OneDnnHelpers.useDnnl() && !hasLayerNorm() && getMaskArray() == null
                    && layerConf().getWeightNoise() == null && DnnlMatmul.supports(input, getParam(DefaultParamInitializer.WEIGHT_KEY));
        }
    }
}
