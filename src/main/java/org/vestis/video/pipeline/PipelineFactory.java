package org.vestis.video.pipeline;

import org.vestis.UserException;
import org.vestis.model.ModelBundle;
import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.Detector;
import org.vestis.video.detect.Detectors;
import org.vestis.video.detect.FaceTorsoDetector;
import org.vestis.video.garment.GarmentModel;
import org.vestis.video.garment.GarmentStage;
import org.vestis.video.garment.PoseLandmarker;
import org.vestis.video.garment.SlotClasses;
import org.vestis.video.sink.FrameSink;
import org.vestis.video.source.FrameSource;
import org.vestis.video.track.Tracker;

import java.util.List;

/**
 * The one place that builds the video pipeline from a {@link PipelineSpec}: the models (loaded once, shared by runs),
 * and per run the detector, the garment stage and the {@link Pipeline} with its tracker and smoother. `analyze`, the
 * Spark job, the live window and the pipeline benchmark all build through it, so one config means one pipeline.
 */
public final class PipelineFactory {
    /** The live window's queues hold one frame: it wants the newest picture (and an instant pause) more than overlap. */
    private static final int LIVE_QUEUE_SIZE = 1;

    private final PipelineSpec spec;

    public PipelineFactory(PipelineSpec spec) {
        this.spec = spec;
    }

    public PipelineSpec spec() {
        return spec;
    }

    /** The spec's model bundle: its classifier, and its garment model when it is one (landmarks from the detector's model files). */
    public PipelineModels loadModels() {
        CropClassifier classifier = new CropClassifier(ModelBundle.load(spec.model()).forInference());
        GarmentModel garments = GarmentModel.forBundle(spec.model(), classifier, spec.detectorSettings().models()).orElse(null);
        return new PipelineModels(classifier, garments);
    }

    /** Like {@link #loadModels}, for commands that measure garments: a bundle without garments.json is one sentence. */
    public PipelineModels loadGarmentModels() {
        PipelineModels models = loadModels();
        if (models.garments() == null) {
            throw new UserException(spec.model() + " is not a garment model: it has no " + SlotClasses.FILE + ".");
        }
        return models;
    }

    /** A fresh detector (one per run: the DNN ones are not thread-safe); close it after the run. */
    public Detector newDetector() {
        return Detectors.create(spec.detector(), spec.detectorSettings());
    }

    /**
     * A fresh detector for single photos (predict, garments-eval, the shop's tagger, region crops): it reports from the
     * confident score, not the byte tracker's weak floor, since a photo has no track for a weak detection to continue.
     */
    public Detector newPhotoDetector() {
        return Detectors.create(spec.detector(), spec.detectorSettings().withConfidence(spec.confidentScore()));
    }

    /** A fresh tracker with the spec's settings, as a pipeline tracks (for benchmarks that feed it detections themselves). */
    public Tracker newTracker() {
        return spec.settings().tracker().newTracker();
    }

    /** The body landmark model that garment looks cut their regions with, from the spec's model files (close it after use). */
    public PoseLandmarker newPoseLandmarker() {
        return GarmentModel.newLandmarker(spec.detectorSettings().models());
    }

    /** The face detector that blurs faces in the annotated video, or null when the spec does not blur them. */
    public FaceTorsoDetector newFaceBlurrer() {
        return spec.blurFaces() ? FaceTorsoDetector.standard(spec.detectorSettings().models(), FaceTorsoDetector.DEFAULT_CONFIDENCE) : null;
    }

    /** A pipeline for a file or stream: every frame in order, garment looks on the calling thread (reproducible). */
    public Pipeline newPipeline(FrameSource source, Detector detector, PipelineModels models, List<FrameSink> sinks) {
        PipelineSettings s = spec.settings();
        GarmentStage garments = models.garments() == null ? null : models.garments().newStage(s.topN(), s.looks());
        return new Pipeline(source, detector, models.classifier(), garments, sinks, s);
    }

    /**
     * A pipeline for the live window: queues of one frame, and garment looks on a worker of their own so they never
     * hold up the picture.
     */
    public Pipeline newLivePipeline(FrameSource source, Detector detector, PipelineModels models, List<FrameSink> sinks) {
        PipelineSettings p = spec.settings();
        PipelineSettings s = new PipelineSettings(p.minScore(), p.topN(), p.tracker(), LIVE_QUEUE_SIZE, p.looks());
        GarmentStage garments = models.garments() == null ? null : models.garments().newBackgroundStage(s.topN(), s.looks());
        return new Pipeline(source, detector, models.classifier(), garments, sinks, s);
    }
}
