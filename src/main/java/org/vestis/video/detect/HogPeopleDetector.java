package org.vestis.video.detect;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

/**
 * OpenCV's classic HOG + linear SVM pedestrian detector (Dalal and Triggs): no model file to fetch, but slower and
 * less accurate than the DNN detectors, and it only sees upright people at least about 100 pixels tall after
 * shrinking. Frames wider than {@code maxWidth} are shrunk first because the cost grows with the pixel count.
 */
public final class HogPeopleDetector implements Detector {
    public static final String NAME = "hog";
    public static final String KIND = "person";
    /**
     * Measured on the walking clip and the four people photos (YOLO-Fastest's boxes as reference): 0.5 kept 14 of
     * 18 people and no false box, 0.3 one more person and five false boxes.
     */
    public static final double DEFAULT_CONFIDENCE = 0.5;
    /**
     * Shrinking to 320 px found as many people as 480 px at a third of the time, with fewer false boxes; the price:
     * someone must be at least 40 % of the frame height tall (fine for a demonstrator in front of a webcam).
     */
    public static final int DEFAULT_MAX_WIDTH = 320;
    /**
     * The image pyramid stops when the shrunk frame gets smaller than the 64x128 window, whose person is about 96 px
     * tall: so someone taller than 3/4 of the frame is never seen (the walking clip's woman is 90 %). A replicated
     * border of this share of the height above and below (half of it left and right) lifts that limit; a constant
     * border gave many false boxes along its edge, a mirrored one lost most people.
     */
    private static final double BORDER = 0.15;
    private static final double PYRAMID_SCALE = 1.05;
    private static final double GROUP_THRESHOLD = 2.0;
    private static final int WINDOW_WIDTH = 64; // the default people detector's window
    private static final int WINDOW_HEIGHT = 128;

    private final HOGDescriptor hog = new HOGDescriptor();
    private final Size winStride = new Size(8, 8);
    private final Size padding = new Size(8, 8);
    private final double minScore;
    private final int maxWidth;
    private boolean closed;

    public HogPeopleDetector() {
        this(DEFAULT_CONFIDENCE, DEFAULT_MAX_WIDTH);
    }

    public HogPeopleDetector(double minScore, int maxWidth) {
        this.minScore = minScore;
        this.maxWidth = maxWidth;
        // The SVM coefficients come back as a bare float array; setSVMDetector wants them in a Mat (it copies them).
        try (FloatPointer coefficients = HOGDescriptor.getDefaultPeopleDetector();
             Mat svm = new Mat(coefficients)) {
            hog.setSVMDetector(svm);
        }
    }

    @Override
    public List<Detection> detect(Mat bgrFrame) {
        Frames.requireOpen(closed, NAME);
        List<Detection> result = new ArrayList<>();
        if (Frames.isEmpty(bgrFrame)) {
            return result;
        }
        try (ScaledFrame small = ScaledFrame.ofMaxWidth(bgrFrame, maxWidth);
             Mat framed = new Mat();
             RectVector found = new RectVector();
             DoublePointer weights = new DoublePointer()) {
            int top = (int) Math.round(small.image().rows() * BORDER), left = top / 2;
            copyMakeBorder(small.image(), framed, top, top, left, left, BORDER_REPLICATE);
            if (framed.cols() < WINDOW_WIDTH || framed.rows() < WINDOW_HEIGHT) {
                return result; // smaller than one detection window
            }
            hog.detectMultiScale(framed, found, weights, 0, winStride, padding, PYRAMID_SCALE, GROUP_THRESHOLD, false);
            for (int i = 0; i < found.size(); i++) {
                double score = squash(weights.get(i));
                if (score < minScore) {
                    continue;
                }
                try (Rect r = found.get(i)) {
                    // The 64x128 window has a margin around the person; OpenCV's peopledetect sample trims it like this.
                    Box box = small.toFrame(r.x() + 0.1 * r.width() - left, r.y() + 0.07 * r.height() - top,
                            0.8 * r.width(), 0.8 * r.height());
                    if (Frames.usable(box)) {
                        result.add(new Detection(box, score, KIND));
                    }
                }
            }
        }
        return result;
    }

    /** The SVM margin (0 at the decision boundary, rarely above 3) mapped onto 0..1. */
    static double squash(double svmWeight) {
        return 1 - Math.exp(-Math.max(0, svmWeight));
    }


    @Override
    public void close() {
        if (!closed) {
            closed = true;
            winStride.close();
            padding.close();
            hog.close();
        }
    }
}
