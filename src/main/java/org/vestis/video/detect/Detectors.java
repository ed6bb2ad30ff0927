package org.vestis.video.detect;

import org.vestis.UserException;

import java.nio.file.Path;
import java.util.List;

/** Makes a detector from its config name. */
public final class Detectors {
    /** Every name {@link #create} knows, in the order they are listed to users. */
    public static final List<String> NAMES = List.of(FullFrameDetector.NAME, CenterDetector.NAME, YoloPersonDetector.NAME,
            FaceTorsoDetector.NAME, HogPeopleDetector.NAME, MotionDetector.NAME);

    private Detectors() {
    }

    /** The score a detector reports from when the config sets none (0 for detectors without scores). */
    public static double defaultConfidence(String name) {
        return switch (name == null ? "" : name.trim()) {
            case YoloPersonDetector.NAME -> YoloPersonDetector.DEFAULT_CONFIDENCE;
            case FaceTorsoDetector.NAME -> FaceTorsoDetector.DEFAULT_CONFIDENCE;
            case HogPeopleDetector.NAME -> HogPeopleDetector.DEFAULT_CONFIDENCE;
            case MotionDetector.NAME -> MotionDetector.DEFAULT_CONFIDENCE;
            default -> 0;
        };
    }

    /** The named detector; the DNN ones find (or download) their model files through {@code settings.models()}. */
    public static Detector create(String name, DetectorSettings settings) {
        String key = name == null ? "" : name.trim();
        double confidence = settings.confidenceOr(defaultConfidence(key));
        return switch (key) {
            case FullFrameDetector.NAME -> new FullFrameDetector();
            case CenterDetector.NAME -> new CenterDetector(settings.centerFraction());
            case HogPeopleDetector.NAME -> new HogPeopleDetector(confidence, HogPeopleDetector.DEFAULT_MAX_WIDTH);
            case MotionDetector.NAME -> new MotionDetector(settings.minMotionArea(), confidence);
            case YoloPersonDetector.NAME -> person(settings, confidence);
            case FaceTorsoDetector.NAME -> new FaceTorsoDetector(settings.models().resolve(ModelFiles.YUNET, settings.modelPath()), confidence);
            default -> throw new UserException("Unknown detector \"" + name + "\"; choose one of " + String.join(", ", NAMES) + ".");
        };
    }

    private static Detector person(DetectorSettings settings, double confidence) {
        if (settings.modelPath() == null) {
            return YoloPersonDetector.standard(settings.models(), settings.cocoModel(), confidence, settings.personInputSize(), settings.personNmsIou());
        }
        // An explicit model is its .weights file; Darknet keeps the network description in a .cfg of the same name.
        String weights = settings.modelPath().toString();
        String stem = weights.endsWith(".weights") ? weights.substring(0, weights.length() - ".weights".length()) : weights;
        ModelFile cfg = settings.cocoModel() ? ModelFiles.YOLO_COCO_CFG : ModelFiles.YOLO_BODY_CFG;
        ModelFile wts = settings.cocoModel() ? ModelFiles.YOLO_COCO_WEIGHTS : ModelFiles.YOLO_BODY_WEIGHTS;
        return new YoloPersonDetector(settings.models().resolve(cfg, Path.of(stem + ".cfg")),
                settings.models().resolve(wts, settings.modelPath()), confidence, settings.personInputSize(), settings.personNmsIou());
    }
}
