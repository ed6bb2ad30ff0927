package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vestis.nn.LayerWiring;

import java.util.Collection;
import java.util.Map;

/**
 * A dense layer whose three matrix products (forward, weight gradient, input gradient) run in oneDNN 3
 * ({@link DnnlMatmul}) instead of OpenBLAS ({@link DnnlOutput} does the same for the output layer). Same
 * configuration and parameters as DL4J's; layer norm, masks, weight noise and other data types, and machines
 * without the oneDNN 3 presets, run DL4J's own code.
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
            if (!usable(this)) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray z = weightedSum(this, workspaceMgr);
            return new Pair<>(z, z);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!usable(this) || !DnnlMatmul.supports(epsilon)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            Gradient gradient = parameterGradients(this, delta, gradientViews);
            return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient(this, delta, workspaceMgr)));
        }
    }

    /** Whether oneDNN 3 does this layer's products: not with layer norm, masks, weight noise or other types. */
    static boolean usable(BaseLayer<?> layer) {
        return DnnlHelpers.useDnnl() && !layer.hasLayerNorm() && layer.getMaskArray() == null
                && layer.layerConf().getWeightNoise() == null
                && DnnlMatmul.supports(layer.input(), layer.getParam(DefaultParamInitializer.WEIGHT_KEY));
    }

    /** input x weights + bias. */
    static INDArray weightedSum(BaseLayer<?> layer, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, layer.input().size(0), weights.size(1));
        DnnlMatmul.multiply(layer.input(), false, weights, false, layer.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null, out);
        return out;
    }

    /** The weight (and bias) gradients for {@code delta}, the gradient before the activation, into their views. */
    static Gradient parameterGradients(BaseLayer<?> layer, INDArray delta, Map<String, INDArray> gradientViews) {
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        DnnlMatmul.multiply(layer.input(), true, delta, false, null, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (layer.hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        return gradient;
    }

    /** delta x weights^T: the gradient for the layer below. */
    static INDArray inputGradient(BaseLayer<?> layer, INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, delta.size(0), weights.size(0));
        DnnlMatmul.multiply(delta, false, weights, true, null, next);
        return next;
    }
}
