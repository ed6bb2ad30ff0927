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
        int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, mode == ConvolutionMode.Same ? null : pad, mode,
                dilation, CNN2DFormat.NCHW);
        return of(inSize, outSize, kernel, strides, pad, mode, dilation);
    }

    /** The same for an input of {@code inSize} whose output size DL4J has worked out ({@code outSize}). */
    static SlidingWindow of(int[] inSize, int[] outSize, int[] kernel, int[] strides, int[] pad, ConvolutionMode mode, int[] dilation) {
        int[] before = mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, strides, dilation)
                : pad;
        long[] padBefore = {before[0], before[1]};
        long[] padAfter = new long[2];
        for (int i = 0; i < 2; i++) {
            long reach = (long) (kernel[i] - 1) * dilation[i] + 1;
            padAfter[i] = Math.max(0, (long) (outSize[i] - 1) * strides[i] + reach - inSize[i] - before[i]);
        }
        return new SlidingWindow(outSize.clone(), padBefore, padAfter);
    }
}
