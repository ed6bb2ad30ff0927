package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.vestis.nn.LayerWiring;

import java.util.Collection;

/**
 * An output layer whose matrix products run in oneDNN 3, as {@link DnnlDense}'s do, so that no OpenBLAS thread
 * wakes up during training. Same configuration and parameters as DL4J's {@link OutputLayer}.
 */
public class DnnlOutput extends OutputLayer {
    public DnnlOutput() {
    }

    /** Softmax over {@code nOut} classes with cross-entropy loss; {@code keep}: DL4J's dropout (the probability of keeping an input; 1 for none). */
    public static DnnlOutput softmax(int nOut, double keep) {
        DnnlOutput layer = new DnnlOutput();
        layer.setNOut(nOut);
        layer.setLossFn(new LossMCXENT());
        layer.setActivationFn(new ActivationSoftmax());
        if (keep < 1) {
            layer.setIDropout(new Dropout(keep));
        }
        return layer;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends org.deeplearning4j.nn.layers.OutputLayer {
        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (!DnnlDense.usable(this)) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray z = DnnlDense.weightedSum(this, workspaceMgr);
            return new Pair<>(z, z);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!DnnlDense.usable(this)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            ILossFunction loss = layerConf().getLossFn();
            INDArray delta = loss.computeGradient(getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM), preOutput2d(true, workspaceMgr),
                    layerConf().getActivationFn(), maskArray);
            Gradient gradient = DnnlDense.parameterGradients(this, delta, gradientViews);
            return new Pair<>(gradient, backpropDropOutIfPresent(DnnlDense.inputGradient(this, delta, workspaceMgr)));
        }
    }
}
