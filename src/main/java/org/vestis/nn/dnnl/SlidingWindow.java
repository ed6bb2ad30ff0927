package org.vestis.nn.dnnl;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a convolution or pooling window goes over an NCHW input, as DL4J computes it: the output height and width
 * and the padding before (top, left) and after (bottom, right). DL4J's SAME mode pads more at the bottom right
 * when the total is odd; Truncate mode drops what a stride does not reach (no padding there, not a negative one).
 */
record SlidingWindow(int[] outSize, long[] padBefore, long[] padAfter) {

    static SlidingWindow of(INDArray input, int[] kernel, int[] strides, int[] pad, ConvolutionMode mode, int[] dilation) {
        int[] inSize = {(int) input.size(2), (int) input.size(3)};
        int[] outSize;
        int[] before;
        if (mode == ConvolutionMode.Same) {
            outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, mode, dilation, CNN2DFormat.NCHW);
            before = ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, strides, dilation);
        } else {
            outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, mode, dilation, CNN2DFormat.NCHW);
            before = pad;
        }
        long[] padBefore = {before[0], before[1]};
        long[] padAfter = new long[2];
        for (int i = 0; i < 2; i++) {
            padAfter[i] = Math.max(0, (long) (outSize[i] - 1) * strides[i] + kernel[i] - inSize[i] - before[i]);
        }
        return new SlidingWindow(outSize, padBefore, padAfter);
    }
}
