package org.vestis.interop.tflite;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keras' layout of a MobileNet in TensorFlow Lite: the committed v1 fixture rewritten the way a Keras export
 * lays out its strided depthwise convolutions (ZeroPadding2D ((0, 1), (0, 1)) as a PAD operator, then the
 * convolution with VALID padding). It must import to the same network as the original.
 */
class ExplicitPaddingTest {
    private static final int VALID = 1;
    private static final int RELU6 = 3;

    @Test
    void samePaddingFollowsTensorFlowsRule() {
        assertThat(ExplicitPadding.same(224, 3, 2)).containsExactly(0, 1);
        assertThat(ExplicitPadding.same(7, 3, 2)).containsExactly(1, 1);
        assertThat(ExplicitPadding.same(14, 3, 1)).containsExactly(1, 1);
        assertThat(ExplicitPadding.same(10, 1, 1)).containsExactly(0, 0);
    }

    @Test
    void aKerasExportImportsAsTheSameNetwork() throws Exception {
        TfliteModel published = fixture();
        TfliteModel keras = withPadsInFrontOfStridedDepthwise(published, new int[]{0, 0, 0, 1, 0, 1, 0, 0});
        assertThat(keras.operators()).hasSize(published.operators().size() + 4);

        ComputationGraph expected = TfliteImporter.importModel(published, "published").graph();
        ComputationGraph actual = TfliteImporter.importModel(keras, "keras").graph();
        assertThat(actual.params()).isEqualTo(expected.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 128, 128).muli(2).subi(1);
        assertThat(actual.outputSingle(x)).isEqualTo(expected.outputSingle(x));
    }

    @Test
    void refusesPaddingOtherThanSamesNamingIt() throws Exception {
        TfliteModel keras = withPadsInFrontOfStridedDepthwise(fixture(), new int[]{0, 0, 1, 1, 1, 1, 0, 0});
        assertThatThrownBy(() -> TfliteImporter.importModel(keras, "odd.tflite")).isInstanceOf(UserException.class)
                .hasMessage("odd.tflite pads the input of a DEPTHWISE_CONV_2D by [0, 0, 1, 1, 1, 1, 0, 0] (batch, rows, columns, channels;"
                        + " before and after each); only the padding SAME would add, [0, 0, 0, 1, 0, 1, 0, 0], can be imported.");
    }

    @Test
    void aPadV2ThatFillsWithZeroImportsAndOneThatFillsWithAnythingElseIsRefused() throws Exception {
        TfliteModel published = fixture();
        ComputationGraph expected = TfliteImporter.importModel(published, "published").graph();
        TfliteModel zeros = withPadV2Fill(withPadsInFrontOfStridedDepthwise(published, new int[]{0, 0, 0, 1, 0, 1, 0, 0}), 0);
        assertThat(TfliteImporter.importModel(zeros, "padv2").graph().params()).isEqualTo(expected.params());

        TfliteModel ones = withPadV2Fill(withPadsInFrontOfStridedDepthwise(published, new int[]{0, 0, 0, 1, 0, 1, 0, 0}), 10);
        assertThatThrownBy(() -> TfliteImporter.importModel(ones, "fill.tflite")).isInstanceOf(UserException.class)
                .hasMessageStartingWith("fill.tflite pads the input of a DEPTHWISE_CONV_2D with the value ")
                .hasMessageEndingWith(" (a PADV2 operator); only zeros, as SAME padding adds, can be imported.");
    }

    /**
     * Every PAD made a PADV2 whose constant is one uint8 value quantised like the tensor it pads: its zero point
     * (the real value 0) plus {@code steps}.
     */
    private static TfliteModel withPadV2Fill(TfliteModel model, int steps) {
        List<TfliteModel.Tensor> tensors = new ArrayList<>(model.tensors());
        List<TfliteModel.Operator> ops = new ArrayList<>();
        for (TfliteModel.Operator op : model.operators()) {
            if (op.code() == ExplicitPadding.PAD) {
                TfliteModel.Tensor in = tensors.get(op.inputs()[0]);
                byte quantised = (byte) (in.quantisation().zeroPoint()[0] + steps);
                tensors.add(new TfliteModel.Tensor("fill", new int[]{}, TfliteModel.UINT8, ByteBuffer.wrap(new byte[]{quantised}), in.quantisation()));
                ops.add(new TfliteModel.Operator(ExplicitPadding.PADV2, "PADV2", new int[]{op.inputs()[0], op.inputs()[1], tensors.size() - 1},
                        op.outputs(), op.options()));
            } else {
                ops.add(op);
            }
        }
        return new TfliteModel(tensors, ops, model.inputs(), model.outputs());
    }

    @Test
    void refusesAPadInFrontOfASameConvolution() throws Exception {
        TfliteModel published = fixture();
        List<TfliteModel.Tensor> tensors = new ArrayList<>(published.tensors());
        List<TfliteModel.Operator> ops = new ArrayList<>(published.operators());
        TfliteModel.Operator conv = ops.get(0);
        assertThat(conv.code()).isEqualTo(TfliteModel.CONV_2D);
        // The stem convolution (stride 2 on 128x128) keeps SAME padding but gets a PAD in front as well.
        ops.add(0, pad(tensors, conv.inputs()[0], new int[]{0, 0, 0, 1, 0, 1, 0, 0}));
        ops.set(1, new TfliteModel.Operator(conv.code(), conv.name(), withFirst(conv.inputs(), tensors.size() - 1), conv.outputs(), conv.options()));
        TfliteModel twice = new TfliteModel(tensors, ops, published.inputs(), published.outputs());
        assertThatThrownBy(() -> TfliteImporter.importModel(twice, "twice.tflite")).isInstanceOf(UserException.class)
                .hasMessageContaining("(a PAD in front of a convolution with SAME padding pads twice)");
    }

    private static TfliteModel fixture() throws URISyntaxException, IOException {
        Path file = Path.of(ExplicitPaddingTest.class.getResource("/tflite/mobilenet_v1_0.25_128_quant.tflite").toURI());
        return TfliteModel.parse(ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    /** Every stride-2 depthwise convolution gets a PAD with these amounts in front and VALID padding. */
    private static TfliteModel withPadsInFrontOfStridedDepthwise(TfliteModel model, int[] amounts) {
        List<TfliteModel.Tensor> tensors = new ArrayList<>(model.tensors());
        List<TfliteModel.Operator> ops = new ArrayList<>();
        for (TfliteModel.Operator op : model.operators()) {
            if (op.code() == TfliteModel.DEPTHWISE_CONV_2D && op.options().intField(1, 1) == 2) {
                ops.add(pad(tensors, op.inputs()[0], amounts));
                TfliteModel.Options valid = options(VALID, 2, 2, 1, RELU6);
                ops.add(new TfliteModel.Operator(op.code(), op.name(), withFirst(op.inputs(), tensors.size() - 1), op.outputs(), valid));
            } else {
                ops.add(op);
            }
        }
        return new TfliteModel(tensors, ops, model.inputs(), model.outputs());
    }

    /** A PAD of tensor {@code input}; its amounts and its output are appended to {@code tensors} (output last). */
    private static TfliteModel.Operator pad(List<TfliteModel.Tensor> tensors, int input, int[] amounts) {
        TfliteModel.Tensor in = tensors.get(input);
        ByteBuffer data = ByteBuffer.allocate(4 * amounts.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int a : amounts) {
            data.putInt(a);
        }
        tensors.add(new TfliteModel.Tensor("paddings", new int[]{4, 2}, TfliteModel.INT32, data.flip(), in.quantisation()));
        int[] s = in.shape();
        tensors.add(new TfliteModel.Tensor(in.name() + "_pad", new int[]{s[0], s[1] + amounts[2] + amounts[3], s[2] + amounts[4] + amounts[5], s[3]},
                in.type(), null, in.quantisation()));
        return new TfliteModel.Operator(ExplicitPadding.PAD, "PAD", new int[]{input, tensors.size() - 2}, new int[]{tensors.size() - 1}, new TfliteModel.Options(null));
    }

    private static int[] withFirst(int[] inputs, int first) {
        int[] out = inputs.clone();
        out[0] = first;
        return out;
    }

    /**
     * DepthwiseConv2DOptions as a FlatBuffer table: 0 padding, 1 stride_w, 2 stride_h, 3 depth_multiplier,
     * 4 fused_activation_function, each field in its own 4-byte slot (little endian, so a byte field reads
     * its first byte).
     */
    private static TfliteModel.Options options(int... fields) {
        int vtable = 4;
        int table = vtable + 4 + 2 * fields.length;
        table += table % 4;
        ByteBuffer buf = ByteBuffer.allocate(table + 4 + 4 * fields.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0, table);
        buf.putShort(vtable, (short) (4 + 2 * fields.length));
        buf.putShort(vtable + 2, (short) (4 + 4 * fields.length));
        buf.putInt(table, table - vtable);
        for (int i = 0; i < fields.length; i++) {
            buf.putShort(vtable + 4 + 2 * i, (short) (4 + 4 * i));
            buf.putInt(table + 4 + 4 * i, fields[i]);
        }
        return new TfliteModel.Options(FlatTable.root(buf));
    }
}
