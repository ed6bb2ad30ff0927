package org.vestis.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViewAverageTest {
    private static final ModelInfo.Preprocessing FLIPS = ModelInfo.Preprocessing.FASHION_MNIST.withFlipAverage(true);

    @Test
    void mirrorReversesEveryRowOfEveryChannel() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 0, 2 * 3 * 4 * 5, 1).reshape(2, 3, 4, 5);
        INDArray m = ViewAverage.mirror(x);
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
    void shiftedMovesEveryChannelAndFillsTheBorderWithZero() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 2 * 3 * 4 * 5, 1).reshape(2, 3, 4, 5);
        for (int[] d : new int[][]{{1, 0}, {-1, 0}, {0, 2}, {0, -1}}) {
            INDArray s = ViewAverage.shifted(x, d[0], d[1]);
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int h = 0; h < 4; h++) {
                        for (int w = 0; w < 5; w++) {
                            int sh = h - d[0];
                            int sw = w - d[1];
                            float expected = sh >= 0 && sh < 4 && sw >= 0 && sw < 5 ? x.getFloat(n, c, sh, sw) : 0f;
                            assertThat(s.getFloat(n, c, h, w)).as("shift %d,%d at %d,%d", d[0], d[1], h, w).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void averagesTheOutputsOfBothMirrorViews() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 8, 1).reshape(1, 1, 2, 4);
        // A "network" that reads the left-most pixel of the first row: 1 for x, 4 for its mirror image.
        INDArray out = ViewAverage.apply(ViewAverageTest::topLeftPixel, x, FLIPS);
        assertThat(out.getFloat(0, 0)).isEqualTo(2.5f);
    }

    @Test
    void withShiftsAveragesTenViews() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 9, 1).reshape(1, 1, 3, 3);
        List<INDArray> seen = new ArrayList<>();
        INDArray out = ViewAverage.apply(v -> {
            seen.add(v.dup());
            return topLeftPixel(v);
        }, x, FLIPS.withShiftAverage(1));
        assertThat(seen).hasSize(10);
        // Top-left pixel of each view: plain 1, down 0, up 4, right 0, left 2; mirrored: 3, 0, 6, 2, 0.
        assertThat(out.getFloat(0, 0)).isEqualTo((1 + 0 + 4 + 0 + 2 + 3 + 0 + 6 + 2 + 0) / 10f);
        assertThat(ViewAverage.apply(ViewAverageTest::topLeftPixel, x, ModelInfo.Preprocessing.FASHION_MNIST).getFloat(0, 0)).as("no views: the plain output").isEqualTo(1f);
    }

    private static INDArray topLeftPixel(INDArray in) {
        return in.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.point(0)).dup().reshape(in.size(0), 1);
    }
}
