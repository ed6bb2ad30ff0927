package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vestis.nn.dnnl.NhwcArraysTest.channelLast;

/** oneDNN's batch norm gives what our Java loops give: output, batch statistics and every gradient. */
class DnnlBatchNormTest {

    /** 5 channels: oneDNN pads the channel blocks; 32: whole blocks. */
    @ParameterizedTest
    @ValueSource(ints = {5, 32})
    void trainingForwardAndBackwardMatchTheJavaHelper(int channels) {
        compareWithJavaHelper(channels, false, false);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 32})
    void fusedReluGivesTheReluOfTheOutputAndItsGradient(int channels) {
        compareWithJavaHelper(channels, true, false);
    }

    /** Channel-last input (as our convolutions store it) gives the same values, and channel-last results. */
    @ParameterizedTest
    @ValueSource(ints = {5, 32})
    void channelLastInputGivesChannelLastResults(int channels) {
        compareWithJavaHelper(channels, true, true);
    }

    private static void compareWithJavaHelper(int channels, boolean relu, boolean channelLast) {
        Nd4j.getRandom().setSeed(6);
        long[] shape = {8, channels, 7, 6};
        long[] perChannel = {1, channels};
        INDArray x = Nd4j.rand(DataType.FLOAT, shape).muli(3).subi(1);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, perChannel).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.FLOAT, perChannel).subi(0.5);
        INDArray mean = Nd4j.zeros(DataType.FLOAT, perChannel);
        INDArray var = Nd4j.ones(DataType.FLOAT, perChannel);
        INDArray dy = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
        var ws = LayerWorkspaceMgr.noWorkspaces();

        JavaBatchNorm java = new JavaBatchNorm();
        DnnlBatchNorm dnnl = new DnnlBatchNorm(relu);
        INDArray y1 = java.preOutput(x, true, perChannel, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, ws);
        INDArray y2 = dnnl.preOutput(channelLast ? channelLast(x) : x, true, perChannel, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, ws);
        assertThat(NhwcArrays.permuted(y2)).isEqualTo(channelLast);
        assertThat(dnnl.appliedRelu()).isEqualTo(relu);
        INDArray expected = relu ? Transforms.relu(y1, true) : y1;
        assertThat(y2.equalsWithEps(expected, 1e-4)).isTrue();
        assertThat(dnnl.getMeanCache(DataType.FLOAT).equalsWithEps(java.getMeanCache(DataType.FLOAT), 1e-5)).isTrue();
        assertThat(dnnl.getVarCache(DataType.FLOAT).equalsWithEps(java.getVarCache(DataType.FLOAT), 1e-4)).isTrue();

        // Through a ReLU only the gradient where the output is positive reaches the batch norm.
        INDArray dyBeforeRelu = relu ? dy.mul(expected.gt(0).castTo(DataType.FLOAT)) : dy;
        INDArray dGamma1 = Nd4j.create(DataType.FLOAT, perChannel), dBeta1 = Nd4j.create(DataType.FLOAT, perChannel);
        INDArray dGamma2 = Nd4j.create(DataType.FLOAT, perChannel), dBeta2 = Nd4j.create(DataType.FLOAT, perChannel);
        INDArray dx1 = java.backpropGradient(x, dyBeforeRelu, perChannel, gamma, beta, dGamma1, dBeta1, 1e-5, CNN2DFormat.NCHW, ws).getSecond();
        INDArray dx2 = dnnl.backpropGradient(channelLast ? channelLast(x) : x, channelLast ? channelLast(dy) : dy, perChannel, gamma, beta,
                dGamma2, dBeta2, 1e-5, CNN2DFormat.NCHW, ws).getSecond();
        assertThat(NhwcArrays.permuted(dx2)).isEqualTo(channelLast);
        assertThat(dx2.equalsWithEps(dx1, 1e-4)).isTrue();
        assertThat(dGamma2.equalsWithEps(dGamma1, 1e-3)).isTrue();
        assertThat(dBeta2.equalsWithEps(dBeta1, 1e-3)).isTrue();
    }

    @Test
    void inferenceWithRunningStatisticsMatchesTheJavaHelper() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 1, 3);
        INDArray beta = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray mean = Nd4j.createFromArray(0.5f, 0.25f, 0f).reshape(1, 3);
        INDArray var = Nd4j.createFromArray(1f, 4f, 0.25f).reshape(1, 3);
        var ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray expected = new JavaBatchNorm().preOutput(x, false, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, ws);
        DnnlBatchNorm dnnl = new DnnlBatchNorm(true);
        INDArray actual = dnnl.preOutput(x, false, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, ws);
        assertThat(actual.equalsWithEps(expected, 1e-5)).isTrue();
        assertThat(dnnl.appliedRelu()).as("inference leaves the ReLU to the layer").isFalse();
        INDArray fromChannelLast = dnnl.preOutput(channelLast(x), false, new long[]{1, 3}, gamma, beta, mean, var, 0.9, 1e-5, CNN2DFormat.NCHW, ws);
        assertThat(NhwcArrays.permuted(fromChannelLast)).isTrue();
        assertThat(fromChannelLast.equalsWithEps(expected, 1e-5)).isTrue();
    }
}
