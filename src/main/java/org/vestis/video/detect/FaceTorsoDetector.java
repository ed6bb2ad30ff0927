package org.vestis.video.detect;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds faces with YuNet (OpenCV's FaceDetectorYN) and reports, for each, the torso below it: where the shirt,
 * jacket or dress is. Faces are easier to find than whole bodies when people stand close to a webcam. The raw face
 * boxes stay available ({@link #faces(Mat)}) so that a sink can blur them.
 */
public final class FaceTorsoDetector implements Detector {
    public static final String NAME = "face-torso";
    public static final String KIND = "torso";
    /** YuNet's own default (0.9) misses small faces; two in the couple photo score 0.87 and 0.88. */
    public static final double DEFAULT_CONFIDENCE = 0.6;
    private static final float NMS_IOU = 0.3f;
    private static final int TOP_K = 5000;
    private static final int SCORE_COLUMN = 14; // x, y, w, h, five landmarks (x, y), score
    /** YuNet's cost grows with the pixel count; larger frames are shrunk to the width it was exported for (640x640). */
    public static final int DEFAULT_MAX_WIDTH = 640;
    // Torso proportions relative to the face box: shoulders are about three face widths across, and the
    // torso from chin to hips about three and a half face heights long.
    static final double TORSO_WIDTH = 3.0;
    static final double TORSO_HEIGHT = 3.5;

    private final FaceDetectorYN yunet;
    private final int maxWidth;
    private int inputWidth = -1;
    private int inputHeight = -1;
    private boolean closed;

    public FaceTorsoDetector(Path onnxModel, double confidence) {
        this(onnxModel, confidence, DEFAULT_MAX_WIDTH);
    }

    /** Frames wider than {@code maxWidth} are shrunk before the face model sees them. */
    public FaceTorsoDetector(Path onnxModel, double confidence, int maxWidth) {
        this.maxWidth = maxWidth;
        try (Size initial = new Size(320, 320)) { // replaced by each frame's size before detecting
            yunet = FaceDetectorYN.create(onnxModel.toString(), "", initial, (float) confidence, NMS_IOU, TOP_K, 0, 0);
        } catch (RuntimeException e) {
            throw new UserException("Could not load the YuNet face model " + onnxModel + " (" + e.getMessage()
                    + "); the file may be damaged or not an ONNX model: delete it to download it again.", e);
        }
        if (yunet == null || yunet.isNull()) {
            throw new UserException("Could not load the YuNet face model " + onnxModel + "; delete it to download it again.");
        }
    }

    /** The standard YuNet file, found or downloaded by {@code models}. */
    public static FaceTorsoDetector standard(ModelFiles models, double confidence) {
        return new FaceTorsoDetector(models.resolve(ModelFiles.YUNET), confidence);
    }

    @Override
    public List<Detection> detect(Mat bgrFrame) {
        List<Detection> torsos = new ArrayList<>();
        for (Detection face : findFaces(bgrFrame)) {
            Box torso = torsoBelow(face.box(), bgrFrame.cols(), bgrFrame.rows());
            if (torso.height() >= face.box().height() / 2) { // a face at the bottom edge leaves no torso in view
                torsos.add(new Detection(torso, face.score(), KIND));
            }
        }
        return torsos;
    }

    /** Face boxes in {@code bgrFrame} (runs the face model). */
    public List<Box> faces(Mat bgrFrame) {
        return findFaces(bgrFrame).stream().map(Detection::box).toList();
    }

    /** Centred under the face, from the chin down, clipped to the frame. */
    static Box torsoBelow(Box face, int frameWidth, int frameHeight) {
        double w = face.width() * TORSO_WIDTH;
        return new Box(face.centerX() - w / 2, face.bottom(), w, face.height() * TORSO_HEIGHT).clip(frameWidth, frameHeight);
    }

    private List<Detection> findFaces(Mat bgrFrame) {
        Frames.requireOpen(closed, NAME);
        List<Detection> result = new ArrayList<>();
        if (Frames.isEmpty(bgrFrame)) {
            return result;
        }
        try (ScaledFrame small = ScaledFrame.ofMaxWidth(bgrFrame, maxWidth); Mat faces = new Mat()) {
            int w = small.image().cols(), h = small.image().rows();
            if (w != inputWidth || h != inputHeight) { // YuNet's anchors depend on the input size
                try (Size size = new Size(w, h)) {
                    yunet.setInputSize(size);
                }
                inputWidth = w;
                inputHeight = h;
            }
            yunet.detect(small.image(), faces);
            if (faces.empty()) {
                return result;
            }
            try (FloatIndexer ix = faces.createIndexer()) {
                for (long r = 0; r < faces.rows(); r++) {
                    Box box = small.toFrame(ix.get(r, 0), ix.get(r, 1), ix.get(r, 2), ix.get(r, 3));
                    if (Frames.usable(box)) {
                        result.add(new Detection(box, Math.max(0, Math.min(1, ix.get(r, SCORE_COLUMN))), "face"));
                    }
                }
            }
        }
        return result;
    }


    @Override
    public void close() {
        if (!closed) {
            closed = true;
            yunet.close();
        }
    }
}
