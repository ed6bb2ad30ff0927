package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.createBackgroundSubtractorMOG2;

/**
 * Whatever moves in front of a still camera: a garment waved or held up by someone. Learns the background with
 * MOG2, cleans the foreground mask with morphology and reports the bounding boxes of its larger blobs; the score
 * is the share of foreground pixels inside the box. Keeps state between frames: the first frame (and the first
 * after a change of frame size or of the whole scene) only teaches the background and reports nothing.
 */
public final class MotionDetector implements Detector {
    public static final String NAME = "motion";
    public static final String KIND = "garment";
    public static final double DEFAULT_CONFIDENCE = 0.25;
    /** Background subtraction needs no detail: a small copy is faster and less noisy. */
    private static final int WORK_WIDTH = 320;
    private static final int HISTORY = 500;
    /**
     * Fixed, slow learning: OpenCV's automatic rate starts fast (1/(2n) on frame n) and soaks a solid-coloured
     * garment into the background within two frames of it moving. At 1/500, something that stops moving stays
     * foreground for about 50 frames, then becomes background.
     */
    private static final double LEARNING_RATE = 1.0 / HISTORY;
    private static final double VAR_THRESHOLD = 25;
    /** MOG2 marks shadows 127 and foreground 255; shadows are not garments. */
    private static final double SHADOW_CUT = 200;
    /** More foreground than this is a lighting change or a bumped camera, not an object: start learning afresh. */
    private static final double SCENE_CHANGE = 0.7;

    private final double minArea;
    private final double minScore;
    private final Mat openKernel = ellipse(3);
    private final Mat closeKernel = ellipse(9);
    private BackgroundSubtractorMOG2 background;
    private int width = -1;
    private int height = -1;
    private boolean closed;

    public MotionDetector() {
        this(DetectorSettings.DEFAULT_MIN_MOTION_AREA, DEFAULT_CONFIDENCE);
    }

    /** @param minArea smallest reported box as a share of the frame area; @param minScore smallest foreground share inside it */
    public MotionDetector(double minArea, double minScore) {
        this.minArea = minArea;
        this.minScore = minScore;
    }

    @Override
    public List<Detection> detect(Mat bgrFrame) {
        Frames.requireOpen(closed, NAME);
        List<Detection> result = new ArrayList<>();
        if (Frames.isEmpty(bgrFrame)) {
            return result;
        }
        boolean fresh = startIfNeeded(bgrFrame.cols(), bgrFrame.rows());
        try (ScaledFrame small = ScaledFrame.ofMaxWidth(bgrFrame, WORK_WIDTH);
             Mat raw = new Mat(); Mat mask = new Mat(); Mat blobs = new Mat()) {
            background.apply(small.image(), raw, LEARNING_RATE);
            if (fresh) {
                return result;
            }
            threshold(raw, mask, SHADOW_CUT, 255, THRESH_BINARY);
            morphologyEx(mask, mask, MORPH_OPEN, openKernel);   // drops single-pixel noise
            morphologyEx(mask, blobs, MORPH_CLOSE, closeKernel); // joins the parts of one garment
            double workArea = (double) mask.cols() * mask.rows();
            if (countNonZero(mask) > SCENE_CHANGE * workArea) {
                restart(small.image());
                return result;
            }
            try (MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
                findContours(blobs, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
                for (long i = 0; i < contours.size(); i++) {
                    try (Mat contour = contours.get(i); Rect r = boundingRect(contour)) {
                        if ((double) r.width() * r.height() < minArea * workArea) {
                            continue;
                        }
                        double score;
                        try (Mat inside = mask.apply(r)) {
                            score = countNonZero(inside) / ((double) r.width() * r.height());
                        }
                        Box box = small.toFrame(r);
                        if (score >= minScore && Frames.usable(box)) {
                            result.add(new Detection(box, score, KIND));
                        }
                    }
                }
            }
        }
        return result;
    }

    private static Mat ellipse(int side) {
        try (Size size = new Size(side, side)) {
            return getStructuringElement(MORPH_ELLIPSE, size);
        }
    }

    /** A new background model for the first frame or a new frame size; true when one was made. */
    private boolean startIfNeeded(int w, int h) {
        if (background != null && w == width && h == height) {
            return false;
        }
        newModel();
        width = w;
        height = h;
        return true;
    }

    /** Forgets the old scene: {@code image} becomes the background. */
    private void restart(Mat image) {
        newModel();
        try (Mat ignored = new Mat()) {
            background.apply(image, ignored, LEARNING_RATE);
        }
    }

    private void newModel() {
        if (background != null) {
            background.close();
        }
        background = createBackgroundSubtractorMOG2(HISTORY, VAR_THRESHOLD, true);
    }


    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (background != null) {
                background.close();
            }
            openKernel.close();
            closeKernel.close();
        }
    }
}
