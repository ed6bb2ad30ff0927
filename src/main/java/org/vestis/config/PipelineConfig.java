package org.vestis.config;

import static org.vestis.config.ConfigChecks.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.vestis.video.pipeline.PipelineSettings;
import org.vestis.video.pipeline.PipelineSpec;
import org.vestis.video.detect.DetectorSettings;
import org.vestis.video.detect.Detectors;
import org.vestis.video.detect.ModelFiles;
import org.vestis.video.detect.YoloPersonDetector;
import org.vestis.video.garment.LookBudget;
import org.vestis.video.track.ByteTrackerSettings;
import org.vestis.video.track.IouTrackerSettings;
import org.vestis.video.track.TrackerSettings;

import java.nio.file.Path;
import java.util.List;

/** The video pipeline's settings: which model bundle and detector, tracking and smoothing. */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public class PipelineConfig {
    public static final String BYTE_TRACKER = "byte";
    public static final String IOU_TRACKER = "iou";
    public static final List<String> TRACKERS = List.of(BYTE_TRACKER, IOU_TRACKER);
    private static final ByteTrackerSettings BYTE = ByteTrackerSettings.DEFAULTS;

    /** Model bundle directory. */
    public String model = "models/fashion-mnist-cnn";
    /** full-frame, center, person, face-torso, hog or motion. */
    public String detector = "person";
    /** Where detector model files are (empty: environment VESTIS_MODELS, the cache, or download). */
    public String detectorModels = "";
    /** person: the network's square input in pixels, a multiple of 32 (larger finds smaller people, and costs more). */
    public int detectorSize = YoloPersonDetector.DEFAULT_INPUT_SIZE;
    /** person: of two boxes overlapping more than this IoU, only the more confident is kept. */
    public double detectorNms = YoloPersonDetector.DEFAULT_NMS_IOU;
    // The four below are left out of summary.json while unset, so that a run's summary reads as before they existed.
    /** person or face-torso: a model file instead of the standard one (person: the .weights, its .cfg beside it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String detectorFile = null;
    /** person: the 80-class COCO YOLO (class 0 = person) instead of the body model; unset: false. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean cocoModel = null;
    /** center: the share of the frame's width and height its box covers (above 0, at most 1); unset: 0.6. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Double centerFraction = null;
    /** motion: the smallest moving region it reports, as a share of the frame's area (0..1); unset: 0.01. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Double minMotionArea = null;
    /**
     * Score of a confident detection (one that may start a track); null: the detector's own default (person 0.6,
     * face-torso 0.6, hog 0.5, motion 0.25), since each detector's score means something different.
     */
    public Double minScore = null;
    /** How many of a track's best frames its label is averaged over. */
    public int topN = 5;
    /** byte (Kalman filter, two-stage matching, lost tracks kept) or iou (greedy overlap with the last box). */
    public String tracker = BYTE_TRACKER;
    /** Least IoU of a detection with a track's box (byte: its predicted box, for confident detections). */
    public double trackerIou = BYTE.firstIou();
    /** byte: least IoU of a weak detection with a track's predicted box. */
    public double weakIou = BYTE.secondIou();
    /** byte: least IoU of a detection with a track born in the previous frame. */
    public double tentativeIou = BYTE.tentativeIou();
    /** byte: weak detections from this score up to min-score continue tracks but never start one. */
    public double lowScore = BYTE.lowScore();
    /** byte: a new track needs a detection of at least this score; null: the confident score + 0.1 (ByteTrack's rule). */
    public Double newTrackScore = null;
    /** Frames in a row a new track must be seen before it is confirmed (drawn, counted, written to --mot). */
    public int confirmHits = BYTE.confirmHits();
    /** Frames a confirmed track may go unseen before it ends (byte: kept for re-identification meanwhile). */
    public int maxMisses = BYTE.maxLostFrames();
    /** byte: at most this many detections per frame are tracked, the most confident. */
    public int maxDetections = BYTE.maxDetections();
    /** byte: how much clothing colours count beside overlap when matching (0: overlap alone). */
    public double appearanceWeight = BYTE.appearanceWeight();
    /** byte: a lost track comes back only on a detection whose colours differ by at most this (0..1; 1: any). */
    public double lostAppearance = BYTE.maxLostAppearance();
    /** Garment models: people looked at per frame on average (landmarks and part crops cost several frames' detection). */
    public double looksPerFrame = LookBudget.DEFAULT.perFrame();
    /** Garment models: the most looks in one frame, saved up while nobody needed one (newcomers are looked at at once). */
    public int lookBurst = LookBudget.DEFAULT.burst();
    /** Process every k-th frame of a file (1 = every frame). */
    public int stride = 1;
    public boolean blurFaces = false;

    public void validate(String source) {
        require(Detectors.NAMES.contains(detector), source, "detector '" + detector + "' does not exist; choose one of " + String.join(", ", Detectors.NAMES));
        require(TRACKERS.contains(tracker), source, "tracker '" + tracker + "' does not exist; choose one of " + String.join(", ", TRACKERS));
        require(minScore == null || (minScore >= 0 && minScore <= 1), source, "min-score must be between 0 and 1");
        require(lowScore >= 0 && lowScore <= 1, source, "low-score must be between 0 and 1");
        require(newTrackScore == null || (newTrackScore >= 0 && newTrackScore <= 1), source, "new-track-score must be between 0 and 1");
        require(topN >= 1, source, "top-n must be at least 1");
        require(trackerIou > 0 && trackerIou < 1, source, "tracker-iou must be between 0 and 1");
        require(weakIou > 0 && weakIou < 1 && tentativeIou > 0 && tentativeIou < 1, source, "weak-iou and tentative-iou must be between 0 and 1");
        require(confirmHits >= 1 && maxMisses >= 0, source, "confirm-hits must be at least 1 and max-misses not negative");
        require(maxDetections >= 1, source, "max-detections must be at least 1");
        require(appearanceWeight >= 0, source, "appearance-weight must not be negative");
        require(lostAppearance >= 0 && lostAppearance <= 1, source, "lost-appearance must be between 0 and 1");
        require(stride >= 1, source, "stride must be at least 1");
        require(looksPerFrame > 0, source, "looks-per-frame must be above 0");
        require(lookBurst >= 1, source, "look-burst must be at least 1");
        require(detectorSize >= 32 && detectorSize % 32 == 0, source, "detector-size must be a positive multiple of 32");
        require(detectorNms > 0 && detectorNms <= 1, source, "detector-nms must be above 0 and at most 1");
        require(centerFraction == null || (centerFraction > 0 && centerFraction <= 1), source, "center-fraction must be above 0 and at most 1");
        require(minMotionArea == null || (minMotionArea > 0 && minMotionArea < 1), source, "min-motion-area must be between 0 and 1");
        require(detectorFile == null || !detectorFile.isBlank(), source, "detector-file must name a file (leave it out for the standard one)");
    }

    /** What the pipeline is built from (the config should be validated first). */
    public PipelineSpec spec() {
        return new PipelineSpec(Path.of(model), detector, detectorSettings(), confidentScore(), settings(), stride, blurFaces, maxMisses);
    }

    /** The detector's settings: its model files, the score it reports from, and what each detector reads of the rest. */
    public DetectorSettings detectorSettings() {
        DetectorSettings d = DetectorSettings.defaults().withModels(ModelFiles.standard(detectorModels)).withConfidence(detectorConfidence())
                .withPerson(detectorSize, detectorNms);
        if (detectorFile != null) {
            d = d.withModelPath(Path.of(detectorFile));
        }
        if (cocoModel != null) {
            d = d.withCocoModel(cocoModel);
        }
        if (centerFraction != null) {
            d = d.withCenterFraction(centerFraction);
        }
        if (minMotionArea != null) {
            d = d.withMinMotionArea(minMotionArea);
        }
        return d;
    }

    /** The score from which the detector reports: with the byte tracker, down to low-score. */
    public Double detectorConfidence() {
        if (tracker.equals(BYTE_TRACKER)) {
            return Math.min(lowScore, confidentScore());
        }
        return minScore; // null: the detector's own default
    }

    public PipelineSettings settings() {
        Double floor = detectorConfidence(); // what the detector already applies; null: its own threshold
        return new PipelineSettings(floor == null ? 0 : floor, topN, trackerSettings(), PipelineSettings.DEFAULTS.queueSize(),
                new LookBudget(looksPerFrame, lookBurst));
    }

    private TrackerSettings trackerSettings() {
        if (tracker.equals(IOU_TRACKER)) {
            return new IouTrackerSettings(trackerIou, confirmHits, maxMisses);
        }
        double high = confidentScore();
        double newTrack = newTrackScore != null ? newTrackScore : Math.min(1, high + 0.1);
        return new ByteTrackerSettings(high, Math.min(lowScore, high), newTrack, trackerIou, weakIou, tentativeIou,
                confirmHits, maxMisses, maxDetections, appearanceWeight, lostAppearance);
    }

    /** The score of a confident detection, one that may start a track: min-score, or the detector's own default. */
    public double confidentScore() {
        return minScore != null ? minScore : Detectors.defaultConfidence(detector);
    }
}
