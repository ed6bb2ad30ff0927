package org.vestis;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.datavec.image.loader.NativeImageLoader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vestis.nn.dnnl.DnnlHelpers;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_dnn.NMSBoxes;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromCaffe;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromDarknet;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

/**
 * Proves that Deeplearning4j/ND4J and JavaCV (FFmpeg + OpenCV, all on the 1.5.13 JavaCPP line) work together
 * in ONE JVM: the steps run in order on one test instance, so every step runs after the native libraries of
 * the previous ones are loaded. Step 6 adds HDF5 (the 1.14.3-1.5.10 presets, the one artifact off the 1.5.13
 * line, for the Keras import) last, and runs ND4J, OpenCV and FFmpeg again after it. Step 4 runs OpenCV DNN on
 * a network the test writes itself, and on the pretrained person detector with the full-length clip; those two
 * are not in the repository, so that second part runs only when VESTIS_TEST_DATA points at the shared data
 * folder (the one holding pretrained/ and videos/), and is reported as skipped otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropTest {

    static final String FIXTURE = "/video/walking-3s.mp4";
    static final int FIXTURE_FRAMES = 30;
    static final int FIXTURE_WIDTH = 640;
    static final int FIXTURE_HEIGHT = 360;

    static final String DATA_ENV = "VESTIS_TEST_DATA";
    static final String DETECTOR_DIR = "pretrained/yolo-fastest-1.1_body";
    static final String ORIGINAL_CLIP = "videos/one-by-one-person-detection.mp4";
    static final int ORIGINAL_FRAMES = 1394;
    static final int ORIGINAL_WIDTH = 768;
    static final int ORIGINAL_HEIGHT = 432;
    static final int DETECTOR_SIZE = 320;
    static final float PERSON_CONFIDENCE = 0.5f;

    /** A BGR copy of the middle frame of the fixture, shared by the later steps; released in {@link #release()}. */
    private Mat middleFrame;
    /** The middle frame as DataVec turned it into an ND4J array, [1, 3, h, w]. */
    private INDArray middleFrameArray;

    @AfterAll
    void release() {
        if (middleFrame != null) {
            middleFrame.close();
        }
        if (middleFrameArray != null) {
            middleFrameArray.close();
        }
    }

    @Test
    @Order(1)
    void nd4jWorksBeforeAnyJavaCv() {
        checkMatrixProduct();
    }

    @Test
    @Order(2)
    void javaCvDecodesTheCommittedClip() throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg would print every file's stream dump
        Path clip = resource(FIXTURE);
        DecodeResult r = decodeAll(clip.toString(), FIXTURE_FRAMES / 2);
        System.out.printf("[interop] fixture %s: %d frames %dx%d, codec %s, %.0f fps decode (%.1f ms; opening took %.0f ms)%n",
                clip.getFileName(), r.frames, r.width, r.height, r.codec, r.fps(), r.millis, r.openMillis);

        assertThat(r.frames).isPositive().isEqualTo(FIXTURE_FRAMES);
        assertThat(r.width).isEqualTo(FIXTURE_WIDTH);
        assertThat(r.height).isEqualTo(FIXTURE_HEIGHT);
        assertThat(r.codec).isEqualTo("h264");
        assertThat(r.blackFrames).as("frames whose pixels are all (nearly) black").isZero();
        assertThat(r.kept).isNotNull();
        middleFrame = r.kept;
        assertThat(middleFrame.cols()).isEqualTo(FIXTURE_WIDTH);
        assertThat(middleFrame.rows()).isEqualTo(FIXTURE_HEIGHT);
        assertThat(middleFrame.type()).isEqualTo(CV_8UC3);
    }

    @Test
    @Order(3)
    void dataVecTurnsDecodedFramesAndImageFilesIntoArrays(@TempDir Path tmp) throws Exception {
        assertThat(middleFrame).as("decoded by the previous step").isNotNull();
        int h = middleFrame.rows(), w = middleFrame.cols();
        NativeImageLoader loader = new NativeImageLoader(h, w, 3);

        // From the decoded frame (an OpenCV Mat from JavaCV).
        middleFrameArray = loader.asMatrix(middleFrame);
        assertThat(middleFrameArray.shape()).containsExactly(1, 3, h, w);
        assertThat(middleFrameArray.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(middleFrameArray.maxNumber().doubleValue()).isLessThanOrEqualTo(255).isGreaterThan(0);
        // NativeImageLoader keeps OpenCV's BGR channel order: compare a few pixels one by one.
        try (UByteIndexer px = middleFrame.createIndexer()) {
            for (int[] yx : new int[][] {{0, 0}, {h / 2, w / 2}, {h - 1, w - 1}, {h / 3, 2 * w / 3}}) {
                for (int c = 0; c < 3; c++) {
                    assertThat(middleFrameArray.getDouble(0, c, yx[0], yx[1]))
                            .as("channel %d at (%d,%d)", c, yx[0], yx[1])
                            .isEqualTo(px.get(yx[0], yx[1], c));
                }
            }
        }

        // From a JavaCV Frame, resized by DataVec on the way.
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            Frame frame = converter.convert(middleFrame); // owned by the converter
            INDArray small = new NativeImageLoader(90, 160, 3).asMatrix(frame);
            assertThat(small.shape()).containsExactly(1, 3, 90, 160);
            small.close();
        }

        // From an image file (written by OpenCV, decoded by DataVec): a lossless round trip.
        File png = tmp.resolve("middle-frame.png").toFile();
        assertThat(imwrite(png.getAbsolutePath(), middleFrame)).isTrue();
        INDArray fromFile = loader.asMatrix(png);
        assertThat(fromFile.shape()).containsExactly(1, 3, h, w);
        assertThat(fromFile.equalsWithEps(middleFrameArray, 1e-6)).isTrue();
        fromFile.close();
    }

    /** OpenCV DNN on every machine: a network the test writes itself (Caffe text format, no weights needed). */
    @Test
    @Order(4)
    void openCvDnnRunsANetworkOnADecodedFrame(@TempDir Path tmp) throws Exception {
        Path prototxt = tmp.resolve("pool.prototxt");
        Files.writeString(prototxt, """
                name: "vestis-interop"
                input: "data"
                input_dim: 1
                input_dim: 3
                input_dim: 64
                input_dim: 64
                layer { name: "pool" type: "Pooling" bottom: "data" top: "pool" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
                """);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(resource(FIXTURE).toString());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             Net net = readNetFromCaffe(prototxt.toString());
             Size size = new Size(64, 64);
             Scalar noMean = new Scalar(0.0)) {
            grabber.start();
            Mat blob = blobFromImage(converter.convert(grabber.grabImage()), 1.0, size, noMean, false, false, CV_32F);
            grabber.stop();
            net.setInput(blob);
            Mat pooled = net.forward("pool");
            assertThat(pooled.dims()).isEqualTo(4);
            assertThat(new int[]{pooled.size(0), pooled.size(1), pooled.size(2), pooled.size(3)}).containsExactly(1, 3, 32, 32);
            // Each output is the largest of its 2x2 input block.
            try (FloatIndexer in = blob.createIndexer(); FloatIndexer out = pooled.createIndexer()) {
                for (int[] cyx : new int[][]{{0, 0, 0}, {1, 10, 20}, {2, 31, 31}, {0, 16, 5}}) {
                    int c = cyx[0], y = cyx[1], x = cyx[2];
                    float max = Math.max(Math.max(in.get(0, c, 2 * y, 2 * x), in.get(0, c, 2 * y, 2 * x + 1)),
                            Math.max(in.get(0, c, 2 * y + 1, 2 * x), in.get(0, c, 2 * y + 1, 2 * x + 1)));
                    assertThat(out.get(0, c, y, x)).as("c=%d y=%d x=%d", c, y, x).isEqualTo(max);
                }
            }
        }
    }

    @Test
    @Order(4)
    @EnabledIfEnvironmentVariable(named = DATA_ENV, matches = ".*\\S.*",
            disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with pretrained/ and videos/) to run the OpenCV DNN step")
    void openCvDnnFindsAPersonInTheClip() throws Exception {
        Path data = Path.of(System.getenv(DATA_ENV));
        Path cfg = data.resolve(DETECTOR_DIR).resolve("yolo-fastest-1.1_body.cfg");
        Path weights = data.resolve(DETECTOR_DIR).resolve("yolo-fastest-1.1_body.weights");
        Path original = data.resolve(ORIGINAL_CLIP);
        assertThat(cfg).as("%s is set, so the detector must be there", DATA_ENV).isRegularFile();
        assertThat(weights).isRegularFile();
        assertThat(original).isRegularFile();

        int framesWithPerson = 0, frames = 0;
        float best = 0;
        long forwardNanos = 0, firstNanos = 0;
        try (Net net = readNetFromDarknet(cfg.toString(), weights.toString());
             StringVector outNames = net.getUnconnectedOutLayersNames(); // Darknet names may end in a space: pass them back as they are
             Size inputSize = new Size(DETECTOR_SIZE, DETECTOR_SIZE);
             Scalar noMean = new Scalar(0.0);
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(resource(FIXTURE).toString());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            assertThat(net.empty()).isFalse();
            assertThat(outNames.size()).isEqualTo(2);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                Mat image = converter.convert(frame); // owned by the converter, valid until the next grab
                long t0 = System.nanoTime();
                List<Detection> people = detect(net, outNames, image, inputSize, noMean);
                long spent = System.nanoTime() - t0;
                if (frames == 0) {
                    firstNanos = spent; // the first forward pass also sets the network up
                } else {
                    forwardNanos += spent;
                }
                frames++;
                if (!people.isEmpty()) {
                    framesWithPerson++;
                }
                for (Detection d : people) {
                    best = Math.max(best, d.confidence);
                    assertThat(d.width).isPositive();
                    assertThat(d.height).isPositive();
                }
            }
            grabber.stop();
        }
        System.out.printf("[interop] YOLO-Fastest body %dx%d: person (> %.1f) in %d of %d fixture frames, best %.3f, "
                        + "%.1f ms per frame (blob + forward + NMS; the first frame took %.0f ms)%n",
                DETECTOR_SIZE, DETECTOR_SIZE, PERSON_CONFIDENCE, framesWithPerson, frames, best,
                forwardNanos / 1e6 / Math.max(1, frames - 1), firstNanos / 1e6);
        assertThat(frames).isEqualTo(FIXTURE_FRAMES);
        assertThat(framesWithPerson).as("frames with a person box above %.1f", PERSON_CONFIDENCE).isPositive();
        assertThat(best).isGreaterThan(PERSON_CONFIDENCE);

        // The full-size original clip decodes too.
        DecodeResult r = decodeAll(original.toString(), -1);
        System.out.printf("[interop] original %s: %d frames %dx%d, %.0f fps decode (%.0f ms; opening took %.0f ms)%n",
                original.getFileName(), r.frames, r.width, r.height, r.fps(), r.millis, r.openMillis);
        assertThat(r.frames).isEqualTo(ORIGINAL_FRAMES);
        assertThat(r.width).isEqualTo(ORIGINAL_WIDTH);
        assertThat(r.height).isEqualTo(ORIGINAL_HEIGHT);
        // The clip starts and ends with an empty room, never with a black screen.
        assertThat(r.blackFrames).isZero();
    }

    @Test
    @Order(5)
    void nd4jAndDl4jStillWorkAfterOpenCv() throws Exception {
        checkMatrixProduct();
        INDArray x = Nd4j.linspace(1, 100, 100, DataType.DOUBLE);
        assertThat(x.sumNumber().doubleValue()).isEqualTo(5050.0);

        // A tiny CNN, fed the decoded video frame through DataVec.
        int side = 32;
        INDArray input;
        if (middleFrame != null) {
            input = new NativeImageLoader(side, side, 3).asMatrix(middleFrame).divi(255.0);
        } else {
            input = Nd4j.rand(DataType.FLOAT, 1, 3, side, side);
        }
        assertThat(input.shape()).containsExactly(1, 3, side, side);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(side, side, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        INDArray out = net.output(input);
        assertThat(out.shape()).containsExactly(1, 2);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        assertThat(out.getDouble(0, 0)).isBetween(0.0, 1.0);

        // The same forward pass through the oneDNN helpers the trainer uses (when the natives have oneDNN).
        int attached = DnnlHelpers.attach(net);
        INDArray outOneDnn = net.output(input);
        System.out.printf("[interop] DL4J tiny CNN after OpenCV: output %s, %d oneDNN helper(s) attached%n", out, attached);
        assertThat(outOneDnn.equalsWithEps(out, 1e-4)).isTrue();

        // And one training step.
        INDArray label = Nd4j.create(new float[] {1, 0}, new long[] {1, 2});
        net.fit(input, label);
        assertThat(net.score()).isFinite().isPositive();
    }

    @Test
    @Order(6)
    void kerasHdf5ImportWorksBesideTheOthers() throws Exception {
        Path h5 = Path.of("src/test/resources/keras/seed_cnn_small.h5");
        org.vestis.interop.keras.KerasImporter.Imported imported = org.vestis.interop.keras.KerasImporter.importFile(h5);
        INDArray probs = imported.network().output(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28), false);
        assertThat(probs.shape()).containsExactly(2, 10);
        assertThat(probs.sumNumber().doubleValue()).isCloseTo(2.0, within(1e-4));
        System.out.printf("[interop] Keras .h5 import through HDF5 %s: %d parameters%n",
                org.bytedeco.javacpp.Loader.getVersion("org.bytedeco", "hdf5"), imported.network().numParams());

        // Everything else still works with the HDF5 natives loaded.
        checkMatrixProduct();
        DecodeResult r = decodeAll(resource(FIXTURE).toString(), -1);
        assertThat(r.frames).isEqualTo(FIXTURE_FRAMES);
        try (Mat m = new Mat(4, 4, CV_8UC3, new Scalar(10, 20, 30, 0)); Scalar mean = mean(m)) {
            assertThat(mean.get(2)).isEqualTo(30.0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void checkMatrixProduct() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new double[][] {{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertThat(c.toDoubleMatrix()).isEqualTo(new double[][] {{19, 22}, {43, 50}});
        // A bigger one that goes through BLAS: (M * I) == M.
        INDArray m = Nd4j.rand(DataType.FLOAT, 64, 64);
        assertThat(m.mmul(Nd4j.eye(64).castTo(DataType.FLOAT)).equalsWithEps(m, 1e-6)).isTrue();
    }

    private static Path resource(String name) throws URISyntaxException {
        URL url = InteropTest.class.getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        return Path.of(url.toURI());
    }

    private record Detection(float confidence, int x, int y, int width, int height) {
    }

    /** YOLO-Fastest body: one class; each output row is cx, cy, w, h (0..1), objectness, class score. */
    private static List<Detection> detect(Net net, StringVector outNames, Mat image, Size inputSize, Scalar noMean) {
        List<Rect> kept = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        try (Mat blob = blobFromImage(image, 1 / 255.0, inputSize, noMean, true, false, CV_32F);
             MatVector outs = new MatVector()) {
            net.setInput(blob);
            net.forward(outs, outNames);
            for (long k = 0; k < outs.size(); k++) {
                Mat out = outs.get(k);
                try (FloatIndexer ix = out.createIndexer()) {
                    for (long r = 0; r < out.rows(); r++) {
                        float score = ix.get(r, 5); // already includes objectness
                        if (score > PERSON_CONFIDENCE) {
                            float cx = ix.get(r, 0) * image.cols(), cy = ix.get(r, 1) * image.rows();
                            float bw = ix.get(r, 2) * image.cols(), bh = ix.get(r, 3) * image.rows();
                            kept.add(new Rect(Math.round(cx - bw / 2), Math.round(cy - bh / 2), Math.round(bw), Math.round(bh)));
                            scores.add(score);
                        }
                    }
                }
            }
        }
        List<Detection> result = new ArrayList<>();
        if (kept.isEmpty()) {
            return result;
        }
        float[] s = new float[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
        }
        try (RectVector boxes = new RectVector(kept.toArray(new Rect[0]));
             FloatPointer scorePtr = new FloatPointer(s);
             IntPointer indices = new IntPointer()) {
            NMSBoxes(boxes, scorePtr, PERSON_CONFIDENCE, 0.45f, indices);
            for (long i = 0; i < indices.limit(); i++) {
                int j = indices.get(i);
                Rect b = kept.get(j);
                result.add(new Detection(s[j], b.x(), b.y(), b.width(), b.height()));
            }
        } finally {
            kept.forEach(Rect::close);
        }
        return result;
    }

    /** {@code openMillis}: opening the file (the first time also loads the FFmpeg natives); {@code millis}: decoding. */
    private record DecodeResult(int frames, int width, int height, String codec, int blackFrames, double openMillis, double millis, Mat kept) {
        double fps() {
            return frames / (millis / 1000.0);
        }
    }

    /** Decodes every video frame; keeps a copy of frame number {@code keepIndex} (or none when negative). */
    private static DecodeResult decodeAll(String path, int keepIndex) throws Exception {
        int frames = 0, black = 0, width = 0, height = 0;
        Mat kept = null;
        String codec;
        long t0 = System.nanoTime(), t1;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            codec = grabber.getVideoCodecName();
            t1 = System.nanoTime();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                Mat image = converter.convert(frame); // owned by the converter
                width = image.cols();
                height = image.rows();
                Scalar m = mean(image);
                double brightness = (m.get(0) + m.get(1) + m.get(2)) / 3;
                m.close();
                if (brightness < 2.0) {
                    black++;
                }
                if (frames == keepIndex) {
                    kept = image.clone();
                }
                frames++;
            }
            grabber.stop();
        }
        double millis = (System.nanoTime() - t1) / 1e6;
        return new DecodeResult(frames, width, height, codec, black, (t1 - t0) / 1e6, millis, kept);
    }
}
