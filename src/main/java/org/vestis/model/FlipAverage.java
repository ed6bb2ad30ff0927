package org.vestis.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.UnaryOperator;

/**
 * Test-time flip averaging: the class probabilities of an image and of its mirror image, averaged. For a
 * network trained with horizontal flips both views are equally valid, and their average is more accurate
 * (fashion-cnn: +0.2 points on the Fashion-MNIST test set) at twice the inference cost.
 */
public final class FlipAverage {
    private FlipAverage() {
    }

    /** {@code forward} applied to {@code x} (NCHW) and to {@code x} mirrored left to right, averaged. */
    public static INDArray apply(UnaryOperator<INDArray> forward, INDArray x) {
        INDArray plain = forward.apply(x);
        try (INDArray mirrored = mirror(x); INDArray flippedOutput = forward.apply(mirrored)) {
            return plain.addi(flippedOutput).divi(2);
        }
    }

    /** The rows of every channel reversed left to right, as one matrix product with the exchange matrix. */
    static INDArray mirror(INDArray x) {
        long width = x.size(3);
        try (INDArray exchange = Nd4j.zeros(x.dataType(), width, width);
             INDArray rows = x.dup('c').reshape('c', x.length() / width, width)) {
            for (long i = 0; i < width; i++) {
                exchange.putScalar(i, width - 1 - i, 1);
            }
            return rows.mmul(exchange).reshape('c', x.shape());
        }
    }
}
