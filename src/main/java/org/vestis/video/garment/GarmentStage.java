package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;
import org.vestis.video.classify.CropClassifier;

import java.util.List;

/**
 * The garment step of one pipeline run: per track, looks at the person (landmarks, part crops through the model,
 * colours) only when the crop would enter the track's N best, and keeps the smoothed slots. Bound to the thread that
 * runs the pipeline's classify stage (it uses the {@link GarmentModel}'s landmarker).
 */
public final class GarmentStage {
    private final GarmentObserver observer;
    private final GarmentSmoother smoother;

    GarmentStage(PoseLandmarker landmarker, CropClassifier classifier, SlotClasses classes, int topN) {
        this.observer = new GarmentObserver(new BodyRegionFinder(landmarker), classifier);
        this.smoother = new GarmentSmoother(topN, classes);
    }

    public boolean wouldLook(int trackId, double quality) {
        return smoother.wouldKeep(trackId, quality);
    }

    /** Looks at the people in {@code boxes} (one batch) and adds each look to its track. */
    public void look(Mat bgrFrame, List<Integer> trackIds, List<Box> boxes, List<Double> qualities) {
        List<GarmentObservation> observations = observer.observe(bgrFrame, boxes);
        for (int i = 0; i < observations.size(); i++) {
            smoother.add(trackIds.get(i), qualities.get(i), observations.get(i));
        }
    }

    public PersonGarments current(int trackId) {
        return smoother.current(trackId);
    }

    public void forget(int trackId) {
        smoother.forget(trackId);
    }

    /** What the looks so far have cost (each look: landmarks, up to four part crops through the model, colours). */
    public GarmentObserver.Costs costs() {
        return observer.costs();
    }

}
