package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;
import org.vestis.video.classify.CropClassifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The garment step of one pipeline run: per track, looks at the person (landmarks, part crops through the model,
 * colours) only when the crop would enter the track's N best and the {@link LookBudget} allows, and keeps the
 * smoothed slots. Bound to the thread that
 * runs the pipeline's classify stage (it uses the {@link GarmentModel}'s landmarker).
 */
public final class GarmentStage {
    private final GarmentObserver observer;
    private final GarmentSmoother smoother;
    private final LookBudget.Bucket budget;

    GarmentStage(PoseLandmarker landmarker, CropClassifier classifier, SlotClasses classes, int topN, LookBudget budget) {
        this.observer = new GarmentObserver(new BodyRegionFinder(landmarker), classifier);
        this.smoother = new GarmentSmoother(topN, classes);
        this.budget = budget.bucket();
    }

    /**
     * Which of this frame's people to look at (indices into the lists): only those whose crop would enter their track's
     * best N, at most as many as the budget allows this frame, people not yet looked at first (fewest looks first),
     * then those whose crop beats their track's worst kept look by the largest factor.
     */
    public List<Integer> choose(List<Integer> trackIds, List<Double> qualities) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < trackIds.size(); i++) {
            if (smoother.wouldKeep(trackIds.get(i), qualities.get(i))) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -smoother.gain(trackIds.get(i), qualities.get(i)))
                .thenComparingInt(trackIds::get));
        return candidates.subList(0, budget.take(candidates.size()));
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

    /** For tests in this package. */
    GarmentSmoother smoother() {
        return smoother;
    }

    public void forget(int trackId) {
        smoother.forget(trackId);
    }

    /** What the looks so far have cost (each look: landmarks, up to four part crops through the model, colours). */
    public GarmentObserver.Costs costs() {
        return observer.costs();
    }

}
