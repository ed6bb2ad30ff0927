package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.nn.LayerWiring;

import java.util.Collection;

/**
 * Batch norm followed by ReLU as one layer: the same parameters and results as a {@link BatchNormalization}
 * and a ReLU {@code ActivationLayer}, but with {@link DnnlBatchNorm} the ReLU runs inside oneDNN's batch norm
 * (forward and backward), which saves the activation layer's copy and its separate passes over the data.
 * Without that helper the layer applies the ReLU itself.
 */
public class BatchNormRelu extends BatchNormalization {
    /** DL4J's default batch-norm settings, as {@code new BatchNormalization.Builder().build()} has them. */
    public BatchNormRelu() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    public static class Layer extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {
        private static final DnnlRelu RELU = new DnnlRelu();
        /** This layer's last output, whose positive entries are where the ReLU passes gradients back. */
        private INDArray output;

        public Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray out = super.activate(training, workspaceMgr);
            if (!fused()) {
                // DnnlRelu reads a channel-last output as one block; libnd4j would walk it as a strided view.
                RELU.getActivation(out, training);
                output = out;
            }
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (fused()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray beforeRelu = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(), epsilon.shape(),
                    epsilon.ordering());
            Nd4j.exec(new RectifiedLinearDerivative(output, epsilon, beforeRelu));
            return super.backpropGradient(beforeRelu, workspaceMgr);
        }

        /** The batch norm's inference output for {@code input}, without the ReLU (for folding it into a convolution). */
        public INDArray normalizeOnly(INDArray input, LayerWorkspaceMgr workspaceMgr) {
            setInput(input, workspaceMgr);
            return super.activate(false, workspaceMgr);
        }

        private boolean fused() {
            return getHelper() instanceof DnnlBatchNorm d && d.appliedRelu();
        }
    }
}
