package org.vestis.interop.tflite;

import org.vestis.UserException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * PAD operators in front of convolutions. Keras builds a MobileNet's strided convolutions as ZeroPadding2D then
 * a VALID convolution, and its TensorFlow Lite export keeps both; when the PAD adds exactly the rows and columns
 * SAME padding would, the pair equals the SAME convolution of our MobileNets and imports like one. Any other
 * PAD changes what the network computes and is refused, naming it.
 */
final class ExplicitPadding {
    static final int PAD = 34;
    static final int PADV2 = 60;

    private ExplicitPadding() {
    }

    static boolean isPad(int code) {
        return code == PAD || code == PADV2;
    }

    /** The convolutions whose input a PAD pads as SAME would; every other PAD ends the import. */
    static Set<TfliteModel.Operator> sameEquivalent(TfliteModel model, String what) {
        Map<Integer, TfliteModel.Operator> padOutputs = new HashMap<>();
        for (TfliteModel.Operator op : model.operators()) {
            if (isPad(op.code())) {
                padOutputs.put(op.outputs()[0], op);
            }
        }
        Set<TfliteModel.Operator> padded = new HashSet<>();
        for (TfliteModel.Operator op : model.operators()) {
            TfliteModel.Operator pad = op.inputs().length == 0 ? null : padOutputs.remove(op.inputs()[0]);
            if (pad == null) {
                continue;
            }
            if (op.code() != TfliteModel.CONV_2D && op.code() != TfliteModel.DEPTHWISE_CONV_2D) {
                throw new UserException(what + " has a PAD operator in front of " + op.name() + "; the importer reads PAD only in front of a convolution.");
            }
            int[] in = model.tensor(pad.inputs()[0]).shape();
            int[] kernel = model.tensor(op.inputs()[1]).shape(); // [out, kh, kw, in] or [1, kh, kw, channels]
            int[] amounts = model.tensor(pad.inputs()[1]).ints(); // [[batch], [top, bottom], [left, right], [channels]]
            if (in.length != 4 || kernel.length != 4) {
                throw new UserException(what + " has a PAD operator on a tensor of shape " + Arrays.toString(in) + "; a MobileNet pads images [1, height, width, channels].");
            }
            int[] rows = same(in[1], kernel[1], op.options().intField(2, 1)); // Conv2D and DepthwiseConv2D: 2 stride_h, 1 stride_w
            int[] columns = same(in[2], kernel[2], op.options().intField(1, 1));
            int[] expected = {0, 0, rows[0], rows[1], columns[0], columns[1], 0, 0};
            if (!Arrays.equals(amounts, expected)) {
                throw new UserException(what + " pads the input of a " + op.name() + " by " + Arrays.toString(amounts)
                        + " (batch, rows, columns, channels; before and after each); only the padding SAME would add, "
                        + Arrays.toString(expected) + ", can be imported.");
            }
            float fill = fillValue(model, pad);
            if (fill != 0) {
                throw new UserException(what + " pads the input of a " + op.name() + " with the value " + fill
                        + " (a PADV2 operator); only zeros, as SAME padding adds, can be imported.");
            }
            padded.add(op);
        }
        if (!padOutputs.isEmpty()) {
            throw new UserException(what + " has a PAD operator whose output no convolution reads; it is not a MobileNet v1/v2 classifier.");
        }
        return padded;
    }

    /** What a PAD fills with: 0 (PAD: the real value 0, the zero point of a quantised tensor), or PADV2's constant. */
    private static float fillValue(TfliteModel model, TfliteModel.Operator pad) {
        if (pad.code() != PADV2 || pad.inputs().length < 3 || pad.inputs()[2] < 0) {
            return 0;
        }
        return model.tensor(pad.inputs()[2]).values()[0];
    }

    /** The rows (or columns) SAME padding adds before and after, TensorFlow's rule: the odd one goes after. */
    static int[] same(int size, int kernel, int stride) {
        int out = (size + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + kernel - size, 0);
        return new int[]{total / 2, total - total / 2};
    }
}
