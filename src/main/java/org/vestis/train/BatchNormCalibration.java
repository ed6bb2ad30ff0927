package org.vestis.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Makes a pretrained network's batch-norm layers ready for fine-tuning. Training-mode batch norm normalises
 * with each minibatch's statistics, not the stored ones; for weights imported from TensorFlow Lite (batch norm
 * folded away: mean 0, variance 1) that alone would change what the pretrained layers compute. So each layer
 * gets its input's real per-channel mean and variance on a sample of the training data, with gamma and beta
 * rescaled so that its inference output stays exactly the same; training-mode outputs then match it too,
 * up to the batch-to-batch spread.
 */
final class BatchNormCalibration {
    private BatchNormCalibration() {
    }

    /** Calibrates every batch-norm layer of {@code graph} on {@code sample} (a batch of its inputs); returns how many. */
    static int calibrate(ComputationGraph graph, INDArray sample) {
        // One inference pass suffices: calibrating a layer leaves its output, so everything downstream, unchanged.
        Map<String, INDArray> activations = graph.feedForward(new INDArray[]{sample}, false, false);
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        int count = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization conf) {
                String name = conf.getLayerName();
                INDArray x = activations.get(inputs.get(name).get(0));
                calibrateLayer(layer, conf.getEps(), x.mean(0, 2, 3).reshape(1, -1), x.var(false, 0, 2, 3).reshape(1, -1));
                count++;
            }
        }
        return count;
    }

    private static void calibrateLayer(Layer bn, double eps, INDArray mean, INDArray variance) {
        Map<String, INDArray> p = bn.paramTable();
        boolean logStd = p.containsKey("log10stdev");
        // DL4J's default stores log10 of the standard deviation: variance = 10^(2 log10stdev).
        INDArray oldVariance = logStd ? Transforms.exp(p.get("log10stdev").mul(2 * Math.log(10)), false) : p.get("var").dup();
        INDArray oldScale = Transforms.sqrt(oldVariance.add(eps), false);
        INDArray newScale = Transforms.sqrt(variance.add(eps), false);
        INDArray gamma = p.get("gamma");
        // beta' = beta + gamma (m - mean) / s, gamma' = gamma s' / s: the same affine map around the new statistics.
        bn.setParam("beta", p.get("beta").add(gamma.mul(mean.sub(p.get("mean"))).div(oldScale)));
        bn.setParam("gamma", gamma.mul(newScale).div(oldScale));
        bn.setParam("mean", mean);
        if (logStd) {
            bn.setParam("log10stdev", Transforms.log(variance, true).divi(2 * Math.log(10)));
        } else {
            bn.setParam("var", variance);
        }
    }
}
