package org.vestis.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

class FlipAverageTest {
    @Test
    void mirrorReversesEveryRowOfEveryChannel() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 0, 2 * 3 * 4 * 5, 1).reshape(2, 3, 4, 5);
        INDArray m = FlipAverage.mirror(x);
        assertThat(m.shape()).isEqualTo(x.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        assertThat(m.getFloat(n, c, h, w)).isEqualTo(x.getFloat(n, c, h, 4 - w));
                    }
                }
            }
        }
    }

    @Test
    void averagesTheOutputsOfBothViews() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 8, 1).reshape(1, 1, 2, 4);
        // A "network" that reads the left-most pixel of the first row: 1 for x, 4 for its mirror image.
        INDArray out = FlipAverage.apply(in -> in.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().reshape(1, 1), x);
        assertThat(out.getFloat(0, 0)).isEqualTo(2.5f);
    }
}
