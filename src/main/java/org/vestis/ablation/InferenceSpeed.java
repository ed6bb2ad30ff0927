package org.vestis.ablation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;

/** Images per second of a bundle's forward pass on this machine (batch 64, random input, after warm-up). */
final class InferenceSpeed {
    private static final int BATCH = 64;
    private static final double SECONDS = 2;

    private InferenceSpeed() {
    }

    static double measure(ModelBundle bundle) {
        ModelInfo.Input in = bundle.info().input();
        try (INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, in.channels(), in.height(), in.width())) {
            for (int i = 0; i < 2; i++) {
                bundle.output(x).close();
            }
            long start = System.nanoTime();
            long images = 0;
            while (System.nanoTime() - start < SECONDS * 1e9) {
                bundle.output(x).close();
                images += BATCH;
            }
            return images / ((System.nanoTime() - start) / 1e9);
        }
    }
}
