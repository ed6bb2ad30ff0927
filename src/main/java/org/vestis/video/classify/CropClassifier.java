package org.vestis.video.classify;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vestis.UserException;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.model.PhotoPreprocessor;
import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Classifies the crops of one frame in ONE batched forward pass, each crop preprocessed as the model
 * bundle declares. Also hands back each crop in gray, for the quality score.
 */
public final class CropClassifier {
    /** Crops are first shrunk to at most this many times the model input (cheap, keeps detail for the fit step). */
    private static final int PRESHRINK = 4;

    private final ModelBundle bundle;
    private final PhotoPreprocessor preprocessor;
    private final ModelInfo.Input input;

    public record Crop(Box box, Mat gray) implements AutoCloseable {
        @Override
        public void close() {
            gray.close();
        }
    }

    public CropClassifier(ModelBundle bundle) {
        this.bundle = bundle;
        this.input = bundle.info().input();
        if (input.channels() != 1) {
            throw new UserException("Model " + bundle.info().name() + " takes " + input.channels()
                    + "-channel input; the video pipeline runs grayscale (Fashion-MNIST-style) models so far.");
        }
        this.preprocessor = new PhotoPreprocessor(input, bundle.info().preprocessing());
    }

    public List<String> labels() {
        return bundle.info().labels();
    }

    /** Gray crops of the boxes (clipped to the frame; empty boxes are skipped by the caller). */
    public List<Crop> crops(Mat bgrFrame, List<Box> boxes) {
        List<Crop> crops = new ArrayList<>();
        for (Box b : boxes) {
            Box c = b.clip(bgrFrame.cols(), bgrFrame.rows());
            Rect r = new Rect((int) c.x(), (int) c.y(), Math.max(1, (int) c.width()), Math.max(1, (int) c.height()));
            try (Mat roi = new Mat(bgrFrame, r)) {
                Mat gray = new Mat();
                cvtColor(roi, gray, COLOR_BGR2GRAY);
                crops.add(new Crop(b, gray));
            }
            r.close();
        }
        return crops;
    }

    /** Class probabilities per crop, in order. */
    public List<float[]> classify(List<Crop> crops) {
        List<float[]> out = new ArrayList<>();
        if (crops.isEmpty()) {
            return out;
        }
        int n = input.height() * input.width();
        float[] x = new float[crops.size() * n];
        for (int i = 0; i < crops.size(); i++) {
            System.arraycopy(preprocessor.toInput(grayLevels(crops.get(i).gray())), 0, x, i * n, n);
        }
        try (INDArray features = Nd4j.create(x, new long[]{crops.size(), 1, input.height(), input.width()}, DataType.FLOAT);
             INDArray probs = bundle.output(features)) {
            for (int i = 0; i < crops.size(); i++) {
                out.add(probs.getRow(i).toFloatVector());
            }
        }
        return out;
    }

    private int[][] grayLevels(Mat gray) {
        int limit = PRESHRINK * Math.max(input.height(), input.width());
        double scale = Math.min(1.0, (double) limit / Math.max(gray.cols(), gray.rows()));
        Mat small = gray;
        if (scale < 1.0) {
            small = new Mat();
            try (Size size = new Size(Math.max(1, (int) (gray.cols() * scale)), Math.max(1, (int) (gray.rows() * scale)))) {
                resize(gray, small, size, 0, 0, INTER_AREA);
            }
        }
        int[][] g = new int[small.rows()][small.cols()];
        try (UByteIndexer idx = small.createIndexer()) {
            for (int y = 0; y < g.length; y++) {
                for (int x = 0; x < g[0].length; x++) {
                    g[y][x] = idx.get(y, x);
                }
            }
        }
        if (small != gray) {
            small.close();
        }
        return g;
    }
}
