package org.vestis.video.classify;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.UserException;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.video.Box;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Classifies the crops of one frame in ONE batched forward pass, each crop preprocessed as the model
 * bundle declares: gray Fashion-MNIST-style models get gray levels, colour models (MobileNets) RGB at their
 * input size and normalisation. Also hands back each crop in gray, for the quality score.
 */
public final class CropClassifier {
    /** Crops are first shrunk to at most this many times the model input (cheap, keeps detail for the fit step). */
    private static final int PRESHRINK = 4;
    /** Models with inputs up to this many pixels classify on one thread (see {@link #threads()}). */
    private static final int SMALL_INPUT_PIXELS = 64 * 64;
    /** Context added on each side of a box, as a fraction of its size, for background-estimating models. */
    private static final double BACKGROUND_MARGIN = 0.15;

    private final ModelBundle bundle;
    private final PhotoPreprocessor preprocessor;
    private final ModelInfo.Input input;
    private final BatchPredictor<Crop> predictor;

    /** A crop in gray (for the quality score) and, for colour models, in BGR as the frame has it (null otherwise). */
    public record Crop(Box box, Mat gray, Mat bgr) implements AutoCloseable {
        @Override
        public void close() {
            gray.close();
            if (bgr != null) {
                bgr.close();
            }
        }
    }

    public CropClassifier(ModelBundle bundle) {
        this.bundle = bundle;
        this.input = bundle.info().input();
        boolean gray = bundle.info().preprocessing().grayscale();
        if (input.channels() != (gray ? 1 : 3)) {
            throw new UserException("Model " + bundle.info().name() + " takes " + input.channels() + "-channel input but declares "
                    + (gray ? "grayscale" : "RGB") + " preprocessing; the bundle's model.json is inconsistent.");
        }
        this.preprocessor = new PhotoPreprocessor(input, bundle.info().preprocessing());
        this.predictor = new BatchPredictor<>(bundle, this::inputValues, bundle::singleViewOutput, BatchPredictor.ONE_BATCH);
    }

    /**
     * OpenMP threads for this model's forward pass in the video pipeline, 0 for the default. A small model's ops
     * are too short to gain from a second thread (fashion-cnn on one crop, measured in the pipeline before it had a
     * detect thread: 8.6 ms with OMP_NUM_THREADS=1, 12.5 ms with 2), and the detector, running at the same time,
     * keeps the other core. Larger models use the default (all cores).
     */
    public int threads() {
        return input.height() * input.width() <= SMALL_INPUT_PIXELS ? 1 : 0;
    }

    private boolean colour() {
        return !bundle.info().preprocessing().grayscale();
    }

    public List<String> labels() {
        return bundle.info().labels();
    }

    /**
     * Gray crops of the boxes (clipped to the frame; empty boxes are skipped by the caller). For models that find
     * the object against its background (Fashion-MNIST style) the crop gets a margin of context around the box:
     * a detector's tight box has the object itself on its border, which the preprocessor would take for the
     * background (and then invert a light garment into a dark one).
     */
    public List<Crop> crops(Mat bgrFrame, List<Box> boxes) {
        List<Crop> crops = new ArrayList<>();
        boolean needsBackground = bundle.info().preprocessing().darkBackground();
        for (Box b : boxes) {
            Box region = needsBackground ? b.grown(BACKGROUND_MARGIN) : b;
            Box c = region.clip(bgrFrame.cols(), bgrFrame.rows());
            Rect r = new Rect((int) c.x(), (int) c.y(), Math.max(1, (int) c.width()), Math.max(1, (int) c.height()));
            try (Mat roi = new Mat(bgrFrame, r)) {
                Mat gray = new Mat();
                cvtColor(roi, gray, COLOR_BGR2GRAY);
                crops.add(new Crop(b, gray, colour() ? roi.clone() : null));
            }
            r.close();
        }
        return crops;
    }

    /** Class probabilities per crop, in order: all crops of a frame in one forward pass, one view each. */
    public List<float[]> classify(List<Crop> crops) {
        return predictor.probabilities(crops);
    }

    /** A crop's model input: colour models from the BGR crop, gray ones from the gray crop. */
    private float[] inputValues(Crop crop) {
        return colour() ? preprocessor.toInput(rgbImage(crop.bgr())) : preprocessor.toInput(grayLevels(crop.gray()));
    }

    /** A BGR crop as an RGB image, shrunk first (area averaging) to at most PRESHRINK times the input size. */
    private BufferedImage rgbImage(Mat bgr) {
        Mat small = preshrunk(bgr);
        BufferedImage img = new BufferedImage(small.cols(), small.rows(), BufferedImage.TYPE_INT_RGB);
        try (UByteIndexer idx = small.createIndexer()) {
            for (int y = 0; y < small.rows(); y++) {
                for (int x = 0; x < small.cols(); x++) {
                    img.setRGB(x, y, (idx.get(y, x, 2) << 16) | (idx.get(y, x, 1) << 8) | idx.get(y, x, 0));
                }
            }
        }
        if (small != bgr) {
            small.close();
        }
        return img;
    }

    private Mat preshrunk(Mat image) {
        int limit = PRESHRINK * Math.max(input.height(), input.width());
        double scale = Math.min(1.0, (double) limit / Math.max(image.cols(), image.rows()));
        if (scale >= 1.0) {
            return image;
        }
        Mat small = new Mat();
        try (Size size = new Size(Math.max(1, (int) (image.cols() * scale)), Math.max(1, (int) (image.rows() * scale)))) {
            resize(image, small, size, 0, 0, INTER_AREA);
        }
        return small;
    }

    private int[][] grayLevels(Mat gray) {
        Mat small = preshrunk(gray);
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
