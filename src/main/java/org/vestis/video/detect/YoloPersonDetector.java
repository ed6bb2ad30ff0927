package org.vestis.video.detect;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.NMSBoxes;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromDarknet;

/**
 * People found by YOLO-Fastest 1.1 (Darknet) through OpenCV DNN, on a square input (320x320 by default; 512 finds
 * small people in wide views better and large close-up people worse, at 2.5 times the cost: README "Tracking"). Works with the one-class
 * body model and with the 80-class COCO model: both put the person score in column 5 of each output row
 * (cx, cy, w, h in 0..1, objectness, then one score per class that already includes the objectness).
 */
public final class YoloPersonDetector implements Detector {
    public static final String NAME = "person";
    public static final String KIND = "person";
    /** 0.6: as the byte tracker's confident score it tracked better than 0.5 (README "Tracking"). */
    public static final double DEFAULT_CONFIDENCE = 0.6;
    public static final int DEFAULT_INPUT_SIZE = 320;
    public static final double DEFAULT_NMS_IOU = 0.45;
    private static final int PERSON_COLUMN = 5;

    private final Net net;
    private final StringVector outNames;
    private final Size inputSize;
    private final Scalar noMean = new Scalar(0.0);
    private final float confidence;
    private final float nmsIou;
    private boolean closed;

    public YoloPersonDetector(Path cfg, Path weights, double confidence) {
        this(cfg, weights, confidence, DEFAULT_INPUT_SIZE, DEFAULT_NMS_IOU);
    }

    /**
     * @param inputSize the network's square input in pixels, a multiple of 32 (larger finds smaller people, slower)
     * @param nmsIou    of two boxes overlapping more than this, only the more confident stays
     */
    public YoloPersonDetector(Path cfg, Path weights, double confidence, int inputSize, double nmsIou) {
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new UserException("The person detector's input size must be a positive multiple of 32, not " + inputSize + ".");
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new UserException("The person detector's NMS overlap must be above 0 and at most 1, not " + nmsIou + ".");
        }
        this.confidence = (float) confidence;
        this.nmsIou = (float) nmsIou;
        this.inputSize = new Size(inputSize, inputSize);
        try {
            net = readNetFromDarknet(cfg.toString(), weights.toString());
        } catch (RuntimeException e) {
            this.inputSize.close();
            noMean.close();
            throw new UserException("Could not load the YOLO model " + weights + " with " + cfg + " (" + e.getMessage()
                    + "); the files may be damaged or not a Darknet pair: delete them to download them again.", e);
        }
        // Darknet output names end in a space ("yolo_121 "): pass them back exactly as they come.
        outNames = net.getUnconnectedOutLayersNames();
    }

    /** The standard body model, or with {@code coco} the COCO model, found or downloaded by {@code models}. */
    public static YoloPersonDetector standard(ModelFiles models, boolean coco, double confidence, int inputSize, double nmsIou) {
        Path cfg = models.resolve(coco ? ModelFiles.YOLO_COCO_CFG : ModelFiles.YOLO_BODY_CFG);
        Path weights = models.resolve(coco ? ModelFiles.YOLO_COCO_WEIGHTS : ModelFiles.YOLO_BODY_WEIGHTS);
        return new YoloPersonDetector(cfg, weights, confidence, inputSize, nmsIou);
    }

    @Override
    public List<Detection> detect(Mat bgrFrame) {
        Frames.requireOpen(closed, NAME);
        if (Frames.isEmpty(bgrFrame)) {
            return List.of();
        }
        int w = bgrFrame.cols(), h = bgrFrame.rows();
        List<Box> boxes = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        try (Mat blob = blobFromImage(bgrFrame, 1 / 255.0, inputSize, noMean, true, false, CV_32F);
             MatVector outs = new MatVector()) {
            net.setInput(blob);
            net.forward(outs, outNames);
            for (long k = 0; k < outs.size(); k++) {
                try (Mat out = outs.get(k); FloatIndexer ix = out.createIndexer()) {
                    for (long r = 0; r < out.rows(); r++) {
                        float score = ix.get(r, PERSON_COLUMN);
                        if (score >= confidence) {
                            float bw = ix.get(r, 2) * w, bh = ix.get(r, 3) * h;
                            Box box = new Box(ix.get(r, 0) * w - bw / 2, ix.get(r, 1) * h - bh / 2, bw, bh).clip(w, h);
                            if (Frames.usable(box)) {
                                boxes.add(box);
                                scores.add(score);
                            }
                        }
                    }
                }
            }
        }
        return suppressOverlaps(boxes, scores);
    }

    /** Non-maximum suppression: of boxes overlapping more than {@code nmsIou}, only the most confident stays. */
    private List<Detection> suppressOverlaps(List<Box> boxes, List<Float> scores) {
        List<Detection> result = new ArrayList<>();
        if (boxes.isEmpty()) {
            return result;
        }
        float[] s = new float[scores.size()];
        Rect[] rects = new Rect[boxes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            Box b = boxes.get(i);
            rects[i] = new Rect((int) Math.round(b.x()), (int) Math.round(b.y()), (int) Math.round(b.width()), (int) Math.round(b.height()));
        }
        try (RectVector rv = new RectVector(rects);
             FloatPointer sp = new FloatPointer(s);
             IntPointer kept = new IntPointer()) {
            NMSBoxes(rv, sp, confidence, nmsIou, kept);
            for (long i = 0; i < kept.limit(); i++) { // NMSBoxes resizes the output; its limit is the kept count
                int j = kept.get(i);
                result.add(new Detection(boxes.get(j), Math.min(1.0, s[j]), KIND));
            }
        } finally {
            for (Rect r : rects) {
                r.close();
            }
        }
        return result;
    }


    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outNames.close();
            net.close();
            inputSize.close();
            noMean.close();
        }
    }
}
