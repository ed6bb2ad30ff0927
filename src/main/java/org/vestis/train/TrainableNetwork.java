package org.vestis.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.vestis.model.ModelBundle;
import org.vestis.nn.dnnl.DnnlHelpers;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The few operations the training loop needs, on either kind of DL4J network: the compact CNNs are
 * MultiLayerNetworks, the MobileNets ComputationGraphs, and DL4J gives the two no common interface for them.
 */
public final class TrainableNetwork {
    private final Model model;

    /** A network ready to train (Backbone's builders attach the oneDNN helpers already). */
    TrainableNetwork(Model model) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            throw new IllegalArgumentException("not a trainable network: " + model.getClass());
        }
        this.model = model;
    }

    static TrainableNetwork restore(Path file, boolean withUpdater) throws IOException {
        Model model = ModelBundle.restore(file, withUpdater);
        DnnlHelpers.attach(model);
        return new TrainableNetwork(model);
    }

    Model model() {
        return model;
    }

    void fit(DataSet batch) {
        if (model instanceof MultiLayerNetwork net) {
            net.fit(batch);
        } else {
            ((ComputationGraph) model).fit(batch);
        }
    }

    /** The loss of the last minibatch. */
    double score() {
        return model.score();
    }

    void setLearningRate(double rate) {
        if (model instanceof MultiLayerNetwork net) {
            net.setLearningRate(rate);
        } else {
            ((ComputationGraph) model).setLearningRate(rate);
        }
    }

    /** Class probabilities in inference mode. */
    INDArray output(INDArray features) {
        return ModelBundle.output(model, features);
    }

    void save(Path file, boolean withUpdater) throws IOException {
        ModelSerializer.writeModel(model, file.toFile(), withUpdater);
    }

    /**
     * Saved weights into this network in place (and the optimiser's state with its step count, withUpdater): for
     * a network that others hold on to, such as the trained part of a partly frozen graph.
     */
    void load(Path file, boolean withUpdater) throws IOException {
        Model saved = ModelBundle.restore(file, withUpdater);
        if (saved.numParams() != model.numParams()) {
            throw new IllegalStateException("its network has " + saved.numParams() + " trainable parameters, this run's " + model.numParams()
                    + " (other settings such as --freeze-up-to)");
        }
        model.setParams(saved.params());
        if (!withUpdater) {
            return;
        }
        if (model instanceof ComputationGraph graph) {
            ComputationGraph from = (ComputationGraph) saved;
            graph.getUpdater().getStateViewArray().assign(from.getUpdater().getStateViewArray());
            graph.getConfiguration().setIterationCount(from.getConfiguration().getIterationCount());
            graph.getConfiguration().setEpochCount(from.getConfiguration().getEpochCount());
        } else {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            MultiLayerNetwork from = (MultiLayerNetwork) saved;
            net.getUpdater().getStateViewArray().assign(from.getUpdater().getStateViewArray());
            net.getLayerWiseConfigurations().setIterationCount(from.getLayerWiseConfigurations().getIterationCount());
            net.getLayerWiseConfigurations().setEpochCount(from.getLayerWiseConfigurations().getEpochCount());
        }
    }
}
