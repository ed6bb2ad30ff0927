package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel-last arrays: NCHW to DL4J, NHWC in memory, recognised as such and kept so by {@code like}. */
class NhwcArraysTest {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    /** A channel-last copy of {@code nchw} (also used by the layer tests). */
    static INDArray channelLast(INDArray nchw) {
        return NhwcArrays.create(NO_WORKSPACES, ArrayType.ACTIVATIONS, nchw.shape(), true).assign(nchw);
    }

    @Test
    void storesChannelsNextToEachOther() {
        INDArray a = NhwcArrays.create(NO_WORKSPACES, ArrayType.ACTIVATIONS, new long[]{2, 3, 4, 5}, true);
        a.assign(Nd4j.arange(120).reshape(2, 3, 4, 5).castTo(DataType.FLOAT));

        assertThat(a.shape()).containsExactly(2, 3, 4, 5);
        assertThat(NhwcArrays.is(a)).isTrue();
        assertThat(NhwcArrays.permuted(a)).isTrue();
        // Element (n=0, c=1, h=0, w=0) = 20 sits right after (0, 0, 0, 0) in the buffer.
        assertThat(a.data().getFloat(1)).isEqualTo(20f);
        assertThat(NhwcArrays.readable(a)).isSameAs(a);
        assertThat(NhwcArrays.permuted(NhwcArrays.like(a, NO_WORKSPACES, ArrayType.ACTIVATION_GRAD))).isTrue();
    }

    @Test
    void rowMajorArraysStayRowMajorAndOtherLayoutsAreCopied() {
        INDArray rowMajor = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        assertThat(NhwcArrays.is(rowMajor)).isFalse();
        assertThat(NhwcArrays.readable(rowMajor)).isSameAs(rowMajor);
        assertThat(NhwcArrays.like(rowMajor, NO_WORKSPACES, ArrayType.ACTIVATIONS).ordering()).isEqualTo('c');

        INDArray columnMajor = rowMajor.dup('f');
        INDArray copy = NhwcArrays.readable(columnMajor);
        assertThat(copy).isNotSameAs(columnMajor).isEqualTo(rowMajor);
        assertThat(copy.ordering()).isEqualTo('c');
    }

    @Test
    void oneChannelOrOnePixelIsBothLayoutsAtOnce() {
        // No reorder needed for a one-channel input or a dense layer's [N, C, 1, 1] output.
        INDArray gray = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4);
        INDArray pixels = Nd4j.rand(DataType.FLOAT, 2, 8, 1, 1);
        assertThat(NhwcArrays.is(gray)).isTrue();
        assertThat(NhwcArrays.is(pixels)).isTrue();
        assertThat(NhwcArrays.permuted(gray)).isFalse();
        assertThat(NhwcArrays.desc(gray.shape(), NhwcArrays.is(gray)).equals(NhwcArrays.desc(gray.shape(), true))).isTrue();
    }
}
