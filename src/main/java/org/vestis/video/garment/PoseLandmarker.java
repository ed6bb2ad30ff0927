package org.vestis.video.garment;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.detect.ModelFile;
import org.vestis.video.detect.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/**
 * Body landmarks of one person at a time, from MediaPipe's BlazePose GHUM landmark model (lite or full, TensorFlow
 * Lite) through OpenCV DNN. The person's box becomes a square crop ({@link PoseCrop}), warped to the model's 256x256
 * RGB input with values 0..1 (MediaPipe's ImageToTensor does the same warp). Of the model's five outputs, three are
 * used, found by their sizes: 39 x 5 values (x, y, z in input pixels, visibility and presence as logits, which get
 * a sigmoid as in MediaPipe's decoder; the first 33 rows are the body landmarks, the other 6 auxiliary points, two of
 * which MediaPipe uses to place the next frame's crop), one pose-presence probability (already 0..1: a blank
 * input scores 0) and, when the model has it, the 256x256 person segmentation over the crop (logits; {@link PersonMask}). OpenCV's TFLite importer takes the NCHW blob of blobFromImage, as its other importers do (the
 * points land on the body in the shared photos). MediaPipe also nudges each point by the model's heatmap output; that
 * step is left out, as the regions' margins are much wider than such corrections.
 *
 * <p>Holds native memory (close it) and reuses its buffers: one instance per thread.
 */
public final class PoseLandmarker implements AutoCloseable {
    public static final int INPUT_SIZE = 256;
    /** Rows of the landmark output: the 33 body landmarks, then 6 auxiliary points. */
    static final int MODEL_LANDMARKS = 39;
    static final int VALUES_PER_LANDMARK = 5;

    private final Path model;
    private final Net net;
    private final StringVector outNames;
    private final Size inputSize = new Size(INPUT_SIZE, INPUT_SIZE);
    private final Scalar black = new Scalar(0.0);
    private final Mat affine = new Mat(2, 3, CV_64F);
    private final Mat input = new Mat();
    private final int landmarkOutput;
    private final int scoreOutput;
    /** Index of the 256x256 person segmentation output, or -1 when the model has none. */
    private final int maskOutput;
    private boolean closed;

    /** Loads a BlazePose landmark model (pose_landmark_lite.tflite or pose_landmark_full.tflite). */
    public PoseLandmarker(Path model) {
        this.model = model;
        if (!Files.isRegularFile(model)) {
            freeBuffers();
            throw new UserException("The pose landmark model " + model + (java.nio.file.Files.isDirectory(model) ? " is a folder, not a file; "
                    : " does not exist; ") + howToGet(model) + ".");
        }
        try {
            net = readNetFromTFLite(model.toString());
        } catch (RuntimeException e) {
            freeBuffers();
            throw new UserException("Could not load the pose landmark model " + model + " (" + e.getMessage()
                    + "); the file may be damaged or not a TensorFlow Lite model: " + howToGet(model) + ".", e);
        }
        if (net == null || net.isNull() || net.empty()) {
            freeBuffers();
            throw new UserException("Could not load the pose landmark model " + model + "; the file may be damaged: "
                    + howToGet(model) + ".");
        }
        outNames = net.getUnconnectedOutLayersNames();
        int[] found;
        try {
            found = findOutputs();
        } catch (RuntimeException e) {
            close();
            throw new UserException("The pose landmark model " + model + " does not run on a 256x256 image (" + e.getMessage()
                    + "); " + howToGet(model) + ".", e);
        }
        if (found == null) {
            close();
            throw new UserException("The model " + model + " has no outputs of " + MODEL_LANDMARKS * VALUES_PER_LANDMARK
                    + " landmark values and one pose score, so it is not a BlazePose landmark model; " + howToGet(model) + ".");
        }
        landmarkOutput = found[0];
        scoreOutput = found[1];
        maskOutput = found[2];
    }

    /**
     * The standard lite model, or with {@code full} the full one (more accurate, about 1.6 times the cost), found or
     * downloaded by {@code models}.
     */
    public static PoseLandmarker standard(ModelFiles models, boolean full) {
        return new PoseLandmarker(models.resolve(full ? ModelFiles.POSE_FULL : ModelFiles.POSE_LITE));
    }

    /** Where the user gets the file: the standard model it is named like (the full or the lite one). */
    private static String howToGet(Path model) {
        ModelFile standard = model.getFileName().toString().contains("full") ? ModelFiles.POSE_FULL : ModelFiles.POSE_LITE;
        return "download " + standard.url() + " (MediaPipe Pose, Apache-2.0) and save it as " + model
                + ", or set " + ModelFiles.ENV + " to a directory holding " + standard.path();
    }

    /**
     * The landmarks of the person in {@code person} (frame pixels) of a BGR frame, seen through {@link PoseCrop}'s
     * square; empty when the frame or the box has no pixels. Always check {@link PoseLandmarks#score()}: the model
     * answers for any crop, person or not.
     */
    public Optional<PoseLandmarks> detect(Mat bgrFrame, Box person) {
        if (person.width() < 1 || person.height() < 1 || isEmpty(bgrFrame)) {
            requireOpen();
            return Optional.empty();
        }
        return detect(bgrFrame, PoseCrop.around(person, bgrFrame.rows()));
    }

    /** The landmarks in a square of the frame chosen by the caller (e.g. from the landmarks of the frame before). */
    public Optional<PoseLandmarks> detect(Mat bgrFrame, PoseCrop crop) {
        requireOpen();
        if (isEmpty(bgrFrame) || !(crop.side() >= 1)) {
            return Optional.empty();
        }
        warpToInput(bgrFrame, crop);
        try (Mat blob = blobFromImage(input, 1 / 255.0, inputSize, black, true, false, CV_32F);
             MatVector outs = new MatVector()) {
            net.setInput(blob);
            net.forward(outs, outNames);
            try (Mat landmarks = outs.get(landmarkOutput); Mat score = outs.get(scoreOutput)) {
                PoseLandmarks pose = decode(values(landmarks), values(score)[0], crop);
                if (maskOutput < 0) {
                    return Optional.of(pose);
                }
                try (Mat mask = outs.get(maskOutput)) {
                    return Optional.of(new PoseLandmarks(pose.points(), pose.score(), pose.crop(),
                            PersonMask.ofLogits(values(mask), INPUT_SIZE, pose.crop())));
                }
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The pose landmarker is closed.");
        }
    }

    private static boolean isEmpty(Mat frame) {
        return frame == null || frame.isNull() || frame.empty() || frame.cols() <= 0 || frame.rows() <= 0;
    }

    /** The crop as the model's input: frame pixels mapped linearly into INPUT_SIZE x INPUT_SIZE, black outside the frame. */
    private void warpToInput(Mat bgrFrame, PoseCrop crop) {
        double s = INPUT_SIZE / crop.side();
        try (DoubleIndexer m = affine.createIndexer()) {
            m.put(0, 0, s);
            m.put(0, 1, 0);
            m.put(0, 2, -crop.left() * s);
            m.put(1, 0, 0);
            m.put(1, 1, s);
            m.put(1, 2, -crop.top() * s);
        }
        warpAffine(bgrFrame, input, affine, inputSize, INTER_LINEAR, BORDER_CONSTANT, black);
    }

    /** Raw outputs to frame pixels: rows of (x, y, z, visibility logit, presence logit) in input pixels. */
    static PoseLandmarks decode(float[] raw, double score, PoseCrop crop) {
        List<Landmark> points = new ArrayList<>(PoseLandmarks.COUNT);
        for (int i = 0; i < PoseLandmarks.COUNT; i++) {
            int o = i * VALUES_PER_LANDMARK;
            points.add(new Landmark(crop.frameX(raw[o], INPUT_SIZE), crop.frameY(raw[o + 1], INPUT_SIZE),
                    crop.frameLength(raw[o + 2], INPUT_SIZE), sigmoid(raw[o + 3]), sigmoid(raw[o + 4])));
        }
        return new PoseLandmarks(points, Math.max(0, Math.min(1, score)), crop.box());
    }

    static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    private static float[] values(Mat out) {
        float[] v = new float[(int) out.total()];
        try (FloatPointer p = new FloatPointer(out.data())) {
            p.get(v);
        }
        return v;
    }

    /**
     * Indices (into outNames) of the landmark, the pose-score and the segmentation outputs (-1 for the last when
     * absent), from one pass on a black input; null without the first two.
     */
    private int[] findOutputs() {
        try (Mat blank = new Mat(INPUT_SIZE, INPUT_SIZE, CV_8UC3, black);
             Mat blob = blobFromImage(blank, 1 / 255.0, inputSize, black, true, false, CV_32F);
             MatVector outs = new MatVector()) {
            net.setInput(blob);
            net.forward(outs, outNames);
            int landmarks = -1, score = -1, mask = -1;
            for (int k = 0; k < outs.size(); k++) {
                try (Mat out = outs.get(k)) {
                    long n = out.total();
                    if (n == (long) MODEL_LANDMARKS * VALUES_PER_LANDMARK && out.type() == CV_32F) {
                        landmarks = k;
                    } else if (n == 1 && out.type() == CV_32F) {
                        score = k;
                    } else if (n == (long) INPUT_SIZE * INPUT_SIZE && out.type() == CV_32F) {
                        mask = k;
                    }
                }
            }
            return landmarks < 0 || score < 0 ? null : new int[] {landmarks, score, mask};
        }
    }

    private void freeBuffers() {
        inputSize.close();
        black.close();
        affine.close();
        input.close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (outNames != null) {
                outNames.close();
            }
            net.close();
            freeBuffers();
        }
    }
}
