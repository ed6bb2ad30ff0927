package org.vestis.video.garment;

import org.vestis.video.classify.CropClassifier;
import org.vestis.video.detect.ModelFiles;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A garment model ready for video: the bundle's classifier, its slot classes and the landmark model, loaded once and
 * shared by the {@link GarmentStage} of every input. Holds native memory: close it after the last run.
 */
public final class GarmentModel implements AutoCloseable {
    private final CropClassifier classifier;
    private final SlotClasses classes;
    private final PoseLandmarker landmarker;

    public GarmentModel(CropClassifier classifier, SlotClasses classes, PoseLandmarker landmarker) {
        this.classifier = classifier;
        this.classes = classes;
        this.landmarker = landmarker;
    }

    /**
     * The garment model of the bundle in {@code bundleDir}, or empty when it is not one (no {@value SlotClasses#FILE});
     * the landmark model comes from {@code models} (one sentence naming the file and where to get it when it is
     * missing and cannot be downloaded).
     */
    public static Optional<GarmentModel> forBundle(Path bundleDir, CropClassifier classifier, ModelFiles models) {
        return SlotClasses.read(bundleDir, classifier.labels())
                .map(classes -> new GarmentModel(classifier, classes, newLandmarker(models)));
    }

    /** The landmark model garment looks cut body regions with: the lite pose model (the full one costs more per look). */
    public static PoseLandmarker newLandmarker(ModelFiles models) {
        return PoseLandmarker.standard(models, false);
    }

    /**
     * A fresh stage (no tracks yet) for one run, smoothing over each track's {@code topN} best looks, within
     * {@code budget}; its looks run on the caller's thread (analyze, reproducible).
     */
    public GarmentStage newStage(int topN, LookBudget budget) {
        return new GarmentStage(landmarker, classifier, classes, topN, budget, false);
    }

    /** Like {@link #newStage}, but looks run on a worker of their own, so they never hold up the frames (the live window). */
    public GarmentStage newBackgroundStage(int topN, LookBudget budget) {
        return new GarmentStage(landmarker, classifier, classes, topN, budget, true);
    }

    public SlotClasses classes() {
        return classes;
    }

    /** Looks at people without tracking them (photos): one observation per box. */
    public GarmentObserver observer() {
        return new GarmentObserver(new BodyRegionFinder(landmarker), classifier);
    }

    @Override
    public void close() {
        landmarker.close();
    }
}
