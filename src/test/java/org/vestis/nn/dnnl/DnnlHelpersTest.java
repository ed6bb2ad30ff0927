package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vestis.model.zoo.Architecture;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oneDNN path must compute what the stock path computes: outputs, and gradients of every parameter
 * (this is the check that caught wrong NHWC conv gradients with these natives).
 */
class DnnlHelpersTest {

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void helperPathMatchesStockPathInOutputsAndGradients(Architecture arch) {
        assertThat(DnnlHelpers.enabled()).as("the onednn natives are on the classpath").isTrue();
        MultiLayerNetwork stock = new MultiLayerNetwork(arch.configuration(28, 28, 1, 10, 1e-3, 7));
        stock.init();
        MultiLayerNetwork fast = stock.clone();
        assertThat(DnnlHelpers.attach(fast)).isGreaterThan(0);
        for (var layer : fast.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization bn) {
                assertThat(bn.getHelper()).as("training batch norm runs in oneDNN 3").isInstanceOf(DnnlBatchNorm.class);
            }
        }

        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray y = cyclicLabels(16, 10);
        assertThat(maxRelativeDifference(stock.output(x, false), fast.output(x, false))).isLessThan(1e-4);

        // Gradients with dropout off so both paths see the same network.
        stock.getLayerWiseConfigurations().getConfs().forEach(c -> c.getLayer().setIDropout(null));
        fast.getLayerWiseConfigurations().getConfs().forEach(c -> c.getLayer().setIDropout(null));
        Map<String, INDArray> g1 = gradients(stock, x, y);
        Map<String, INDArray> g2 = gradients(fast, x, y);
        assertThat(g2.keySet()).isEqualTo(g1.keySet());
        // A bias right before batch norm has a true gradient of zero (BN removes the mean): both paths give
        // float noise there, so differences are measured against the largest gradient of the whole network.
        double networkScale = g1.values().stream().mapToDouble(g -> g.amaxNumber().doubleValue()).max().orElse(1);
        for (String key : g1.keySet()) {
            double scale = Math.max(g1.get(key).amaxNumber().doubleValue(), 1e-3 * networkScale);
            double difference = Transforms.abs(g1.get(key).sub(g2.get(key))).maxNumber().doubleValue();
            assertThat(difference / scale).as("gradient " + key).isLessThan(2e-2);
        }

        // A few training steps: parameters, batch-norm running statistics included, stay together.
        for (int step = 0; step < 3; step++) {
            stock.fit(x, y);
            fast.fit(x, y);
        }
        assertThat(maxRelativeDifference(stock.params(), fast.params())).isLessThan(1e-3);
        assertThat(maxRelativeDifference(stock.output(x, false), fast.output(x, false))).isLessThan(1e-3);
    }

    /** One-hot labels for {@code n} examples, example i of class i % classes (also used by the other layer tests). */
    static INDArray cyclicLabels(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return y;
    }

    /** Every parameter's gradient for one batch, copied (also used by DnnlConvolutionTest). */
    static Map<String, INDArray> gradients(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        Map<String, INDArray> copy = new java.util.TreeMap<>();
        g.gradientForVariable().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /** Largest |a-b| relative to the largest |a|: robust to near-zero elements. */
    static double maxRelativeDifference(INDArray a, INDArray b) {
        double scale = Math.max(a.amaxNumber().doubleValue(), 1e-12);
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue() / scale;
    }
}
