package org.vestis.video.detect;

import org.vestis.UserException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a config can say about the detector. Each detector reads only the settings it understands.
 *
 * @param confidence    minimum score of a reported detection (0..1); null means the detector's own default
 *                      (person 0.6, face-torso 0.6, hog 0.5, motion 0.25)
 * @param centerFraction share of the frame's width and height the "center" box covers (0..1]
 * @param cocoModel     "person" uses the 80-class COCO YOLO-Fastest (class 0 = person) instead of the body model
 * @param modelPath     an explicit model file, overriding the standard one: the .weights for "person" (the .cfg
 *                      beside it, same name), the .onnx for "face-torso"; null means find or download the standard file
 * @param minMotionArea smallest moving region "motion" reports, as a share of the frame area (0..1)
 * @param models        where standard model files are looked for and downloaded to
 * @param personInputSize "person": the network's square input in pixels (a multiple of 32)
 * @param personNmsIou  "person": of two boxes overlapping more than this, only the more confident stays
 */
public record DetectorSettings(Double confidence, double centerFraction, boolean cocoModel, Path modelPath,
                               double minMotionArea, ModelFiles models, int personInputSize, double personNmsIou) {

    public static final double DEFAULT_CENTER_FRACTION = 0.6;
    public static final double DEFAULT_MIN_MOTION_AREA = 0.01;

    public DetectorSettings {
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new UserException("The detector confidence must be between 0 and 1, not " + confidence + ".");
        }
        if (!(centerFraction > 0 && centerFraction <= 1)) {
            throw new UserException("The center detector's fraction must be above 0 and at most 1, not " + centerFraction + ".");
        }
        if (!(minMotionArea > 0 && minMotionArea < 1)) {
            throw new UserException("The motion detector's minimum area must be a share of the frame between 0 and 1, not " + minMotionArea + ".");
        }
        Objects.requireNonNull(models, "models");
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(null, DEFAULT_CENTER_FRACTION, false, null, DEFAULT_MIN_MOTION_AREA, ModelFiles.standard(),
                YoloPersonDetector.DEFAULT_INPUT_SIZE, YoloPersonDetector.DEFAULT_NMS_IOU);
    }

    public double confidenceOr(double detectorDefault) {
        return confidence == null ? detectorDefault : confidence;
    }

    public DetectorSettings withConfidence(Double value) {
        return new DetectorSettings(value, centerFraction, cocoModel, modelPath, minMotionArea, models, personInputSize, personNmsIou);
    }

    public DetectorSettings withCenterFraction(double value) {
        return new DetectorSettings(confidence, value, cocoModel, modelPath, minMotionArea, models, personInputSize, personNmsIou);
    }

    public DetectorSettings withCocoModel(boolean value) {
        return new DetectorSettings(confidence, centerFraction, value, modelPath, minMotionArea, models, personInputSize, personNmsIou);
    }

    public DetectorSettings withModelPath(Path value) {
        return new DetectorSettings(confidence, centerFraction, cocoModel, value, minMotionArea, models, personInputSize, personNmsIou);
    }

    public DetectorSettings withMinMotionArea(double value) {
        return new DetectorSettings(confidence, centerFraction, cocoModel, modelPath, value, models, personInputSize, personNmsIou);
    }

    public DetectorSettings withPerson(int inputSize, double nmsIou) {
        return new DetectorSettings(confidence, centerFraction, cocoModel, modelPath, minMotionArea, models, inputSize, nmsIou);
    }

    public DetectorSettings withModels(ModelFiles value) {
        return new DetectorSettings(confidence, centerFraction, cocoModel, modelPath, minMotionArea, value, personInputSize, personNmsIou);
    }
}
