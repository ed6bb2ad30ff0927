package org.vestis.bench;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.data.BatchProducer;
import org.vestis.data.Dataset;
import org.vestis.data.FashionMnist;
import org.vestis.data.FashionMnistLocator;
import org.vestis.model.zoo.Architecture;
import org.vestis.model.zoo.MobileNetV2;
import org.vestis.model.ModelBundle;
import org.vestis.nn.dnnl.DnnlHelpers;

import java.util.Locale;

/**
 * The Java side of benchmarks/run.sh: training and inference throughput of our CNNs on this CPU, and one
 * Fashion-MNIST epoch including reading the files. Prints one line per measurement:
 * {@code RESULT <name> <images per second>}. The PyTorch peer (benchmarks/peer_torch.py) prints the same names.
 */
public final class ModelBenchmark {
    /**
     * Images of the quick mode's epoch (the peer's too): with 10,000 the fixed costs (reading the whole file, the
     * first batches) weighed enough that two idle quick runs gave epoch ratios 16% apart.
     */
    private static final int QUICK_EPOCH_IMAGES = 20_000;
    private ModelBenchmark() {
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        double seconds = quick ? 4 : 15;
        System.out.println("# oneDNN helpers: " + (DnnlHelpers.enabled() ? "on" : "off"));
        for (Architecture arch : Architecture.values()) {
            MultiLayerNetwork net = network(arch);
            report(arch.id() + "-train-b128", trainRate(net, 128, seconds));
            // Inference as the product runs it (ModelBundle.forInference).
            Model inference = ModelBundle.inferenceCopy(net);
            report(arch.id() + "-infer-b256", inferRate(inference, new long[]{256, 1, 28, 28}, seconds));
            report(arch.id() + "-infer-b1", inferRate(inference, new long[]{1, 1, 28, 28}, seconds / 2));
        }
        ComputationGraph mobilenet = new ComputationGraph(MobileNetV2.configuration(224, 3, 1000, 1.0, 1));
        mobilenet.init();
        Model inference = ModelBundle.inferenceCopy(mobilenet);
        report("mobilenetv2-224-infer-b1", inferRate(inference, new long[]{1, 3, 224, 224}, seconds));
        report("mobilenetv2-224-infer-b8", inferRate(inference, new long[]{8, 3, 224, 224}, seconds));
        report("seed-cnn-epoch", epochRate(quick ? QUICK_EPOCH_IMAGES : 0));
    }

    private static double inferRate(Model net, long[] shape, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        warmUp(() -> ModelBundle.output(net, x).close(), seconds / 4);
        long start = System.nanoTime();
        long images = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            ModelBundle.output(net, x).close();
            images += shape[0];
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    private static MultiLayerNetwork network(Architecture arch) {
        MultiLayerNetwork net = new MultiLayerNetwork(arch.configuration(28, 28, 1, 10, 1e-3, 1));
        net.init();
        DnnlHelpers.attach(net);
        return net;
    }

    private static double trainRate(MultiLayerNetwork net, int batch, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1);
        }
        warmUp(() -> net.fit(x, y), seconds / 4);
        long start = System.nanoTime();
        long images = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            net.fit(x, y);
            images += batch;
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    /** Reads the IDX files and trains seed-cnn for one epoch at batch 128; images per second of the whole. */
    private static double epochRate(int limit) {
        long start = System.nanoTime();
        Dataset train = FashionMnist.train(FashionMnistLocator.standard().locate(null)).limit(limit);
        MultiLayerNetwork net = network(Architecture.SEED_CNN);
        try (BatchProducer batches = new BatchProducer(train, 128, null, 1)) {
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                net.fit(ds);
                ds.getFeatures().close();
                ds.getLabels().close();
            }
        }
        return train.size() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * At least 5 steps and at least a quarter of the measuring time: the first measurement of a JVM otherwise includes JIT
     * compilation (seed-cnn training read 469 img/s as the first 4-second item, 618 over 15 seconds). The PyTorch
     * peer warms up by the same rule.
     */
    private static void warmUp(Runnable step, double seconds) {
        long start = System.nanoTime();
        for (int done = 0; done < 5 || System.nanoTime() - start < seconds * 1e9; done++) {
            step.run();
        }
    }

    private static void report(String name, double rate) {
        System.out.printf(Locale.ROOT, "RESULT %s %.1f%n", name, rate);
        System.out.flush();
    }
}
