package org.vestis.interop.tflite;

import org.vestis.io.InputFiles;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a TensorFlow Lite file (a FlatBuffer with schema tensorflow/lite/schema/schema.fbs) that an
 * import needs: the first subgraph's tensors (shape, type, data, quantisation) and its operators in
 * execution order. Field numbers below are the schema's field order.
 */
public record TfliteModel(List<Tensor> tensors, List<Operator> operators, int[] inputs, int[] outputs) {
    /** Builtin operator codes (schema enum BuiltinOperator). */
    public static final int ADD = 0;
    public static final int AVERAGE_POOL_2D = 1;
    public static final int CONV_2D = 3;
    public static final int DEPTHWISE_CONV_2D = 4;
    public static final int FULLY_CONNECTED = 9;
    public static final int RESHAPE = 22;
    public static final int SOFTMAX = 25;
    public static final int SQUEEZE = 43;
    public static final int MEAN = 40;

    /** Tensor types (schema enum TensorType). */
    public static final int FLOAT32 = 0;
    public static final int INT32 = 2;
    public static final int UINT8 = 3;
    public static final int INT64 = 4;
    public static final int INT8 = 9;

    public record Quantisation(float[] scale, long[] zeroPoint, int dimension) {
        boolean present() {
            return scale.length > 0;
        }
    }

    public record Tensor(String name, int[] shape, int type, ByteBuffer data, Quantisation quantisation) {
        public String describe() {
            return "'" + name + "' " + Arrays.toString(shape);
        }

        public int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        /** The integers of a constant int32 or int64 tensor (such as PAD's amounts), as stored. */
        public int[] ints() {
            if (data == null || (type != INT32 && type != INT64) || data.remaining() != size() * (type == INT32 ? 4 : 8)) {
                throw new IllegalStateException("tensor " + describe() + " is not a constant integer tensor");
            }
            ByteBuffer le = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int[] out = new int[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = type == INT32 ? le.getInt(4 * i) : Math.toIntExact(le.getLong(8 * i));
            }
            return out;
        }

        /**
         * The real values: float32 as stored; uint8, int8 and int32 as (q - zero_point) * scale, with one
         * scale per channel along the quantised dimension when the file has several (per-axis quantisation).
         */
        public float[] values() {
            int n = size();
            if (data == null || data.remaining() == 0) {
                throw new IllegalStateException("tensor " + describe() + " has no constant data");
            }
            int width = switch (type) {
                case FLOAT32, INT32 -> 4;
                case UINT8, INT8 -> 1;
                default -> throw new IllegalStateException("tensor " + describe() + " has unsupported type " + type);
            };
            if (data.remaining() != n * width) {
                throw new IllegalStateException("tensor " + describe() + " holds " + data.remaining() + " bytes, expected " + n * width);
            }
            float[] out = new float[n];
            if (type == FLOAT32) {
                data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
                return out;
            }
            if (!quantisation.present()) {
                throw new IllegalStateException("quantised tensor " + describe() + " has no scale");
            }
            float[] scale = quantisation.scale();
            long[] zero = quantisation.zeroPoint();
            // Elements between two steps of the quantised dimension: the product of the later dimensions.
            int inner = 1;
            for (int d = quantisation.dimension() + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
            int channels = scale.length;
            ByteBuffer le = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                int c = channels == 1 ? 0 : (i / inner) % channels;
                long q = switch (type) {
                    case UINT8 -> Byte.toUnsignedInt(le.get(i));
                    case INT8 -> le.get(i);
                    default -> le.getInt(4 * i);
                };
                long z = zero.length == 0 ? 0 : zero[zero.length == 1 ? 0 : c];
                out[i] = (float) ((q - z) * (double) scale[c]);
            }
            return out;
        }
    }

    /** One operator; {@code options} is its builtin options table (may be null). */
    public record Operator(int code, String name, int[] inputs, int[] outputs, Options options) {
    }

    /** Builtin options read lazily by field number, since each operator type has its own table. */
    public static final class Options {
        private final FlatTable table;

        Options(FlatTable table) {
            this.table = table;
        }

        public int intField(int index, int defaultValue) {
            return table == null ? defaultValue : table.getInt(index, defaultValue);
        }

        public int byteField(int index, int defaultValue) {
            return table == null ? defaultValue : table.getByte(index, defaultValue);
        }
    }

    public static TfliteModel read(Path file) {
        InputFiles.requireFile(file, "TensorFlow Lite file", "");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + " (" + e.getMessage() + ").", e);
        }
        // Bytes 4-7 hold the FlatBuffer file identifier, "TFL3" for every TensorFlow Lite model.
        if (bytes.length < 8 || !"TFL3".equals(new String(bytes, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            throw new UserException(file + " is not a TensorFlow Lite model (no TFL3 identifier); pass a .tflite file.");
        }
        try {
            return parse(ByteBuffer.wrap(bytes));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new UserException(file + " is a damaged or truncated TensorFlow Lite file; download it again.", e);
        }
    }

    static TfliteModel parse(ByteBuffer buf) {
        FlatTable model = FlatTable.root(buf);
        // Model: 0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers.
        int[] codes = new int[model.vectorLength(1)];
        String[] customNames = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            FlatTable oc = model.tableAt(1, i);
            // OperatorCode: 0 deprecated_builtin_code (byte), 1 custom_code, 2 version, 3 builtin_code (int);
            // newer files fill both, older ones only the first: the larger value is the real one.
            codes[i] = Math.max(oc.getByte(0, 0), oc.getInt(3, 0));
            customNames[i] = oc.string(1);
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < model.vectorLength(4); i++) {
            buffers.add(model.tableAt(4, i).bytes(0)); // Buffer: 0 data
        }
        if (model.vectorLength(2) < 1) {
            throw new IllegalArgumentException("no subgraph");
        }
        FlatTable graph = model.tableAt(2, 0); // SubGraph: 0 tensors, 1 inputs, 2 outputs, 3 operators
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < graph.vectorLength(0); i++) {
            FlatTable t = graph.tableAt(0, i); // Tensor: 0 shape, 1 type, 2 buffer, 3 name, 4 quantization
            int buffer = t.getInt(2, 0);
            FlatTable q = t.table(4); // QuantizationParameters: 0 min, 1 max, 2 scale, 3 zero_point, 6 quantized_dimension
            Quantisation quant = q == null ? new Quantisation(new float[0], new long[0], 0)
                    : new Quantisation(q.floats(2), q.longs(3), q.getInt(6, 0));
            tensors.add(new Tensor(t.string(3), t.ints(0), t.getByte(1, 0), buffer < buffers.size() ? buffers.get(buffer) : null, quant));
        }
        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < graph.vectorLength(3); i++) {
            FlatTable op = graph.tableAt(3, i); // Operator: 0 opcode_index, 1 inputs, 2 outputs, 3 options type, 4 options
            int index = op.getInt(0, 0);
            int code = index < codes.length ? codes[index] : -1;
            String name = customNames.length > index && customNames[index] != null ? customNames[index] : opName(code);
            operators.add(new Operator(code, name, op.ints(1), op.ints(2), new Options(op.table(4))));
        }
        return new TfliteModel(tensors, operators, graph.ints(1), graph.ints(2));
    }

    public Tensor tensor(int index) {
        return tensors.get(index);
    }

    public static String opName(int code) {
        return switch (code) {
            case ADD -> "ADD";
            case AVERAGE_POOL_2D -> "AVERAGE_POOL_2D";
            case CONV_2D -> "CONV_2D";
            case DEPTHWISE_CONV_2D -> "DEPTHWISE_CONV_2D";
            case FULLY_CONNECTED -> "FULLY_CONNECTED";
            case RESHAPE -> "RESHAPE";
            case SOFTMAX -> "SOFTMAX";
            case SQUEEZE -> "SQUEEZE";
            case MEAN -> "MEAN";
            case 6 -> "DEQUANTIZE";
            case 114 -> "QUANTIZE";
            case 17 -> "MAX_POOL_2D";
            case 2 -> "CONCATENATION";
            case ExplicitPadding.PAD -> "PAD";
            case ExplicitPadding.PADV2 -> "PADV2";
            default -> "builtin operator " + code;
        };
    }
}
