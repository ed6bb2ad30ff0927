package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** JavaBatchNorm reads its input in NCHW order whatever the array's memory layout (the network test covers the values). */
class JavaBatchNormTest {

    @Test
    void aColumnMajorInputNormalisesLikeTheSameValuesInRowMajor() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 5, 6);
        INDArray gamma = Nd4j.createFromArray(1f, 2f, 0.5f).reshape(1, 3);
        INDArray beta = Nd4j.createFromArray(0f, -1f, 3f).reshape(1, 3);
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray var = Nd4j.ones(DataType.FLOAT, 1, 3);

        INDArray rowMajor = new JavaBatchNorm().preOutput(x, true, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5,
                CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        INDArray columnMajor = new JavaBatchNorm().preOutput(x.dup('f'), true, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5,
                CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());

        assertThat(columnMajor.equalsWithEps(rowMajor, 1e-6)).isTrue();
        // Each channel comes out with the batch mean beta and the batch standard deviation gamma.
        assertThat(rowMajor.mean(0, 2, 3).toFloatVector()).containsExactly(new float[]{0f, -1f, 3f}, offset(1e-4f));
    }

    @Test
    void aViewIntoALargerArrayIsReadFromWhereItStarts() {
        Nd4j.getRandom().setSeed(4);
        INDArray whole = Nd4j.rand(DataType.FLOAT, 6, 3, 5, 6);
        // Examples 2 to 4: row-major with default strides, but starting 2 examples into the buffer.
        INDArray view = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5));
        assertThat(view.offset()).isGreaterThan(0);
        INDArray gamma = Nd4j.createFromArray(1f, 2f, 0.5f).reshape(1, 3);
        INDArray beta = Nd4j.createFromArray(0f, -1f, 3f).reshape(1, 3);
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray var = Nd4j.ones(DataType.FLOAT, 1, 3);

        INDArray fromView = new JavaBatchNorm().preOutput(view, true, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5,
                CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        INDArray fromCopy = new JavaBatchNorm().preOutput(view.dup(), true, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5,
                CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());

        assertThat(fromView.equalsWithEps(fromCopy, 1e-6)).isTrue();
    }
}
