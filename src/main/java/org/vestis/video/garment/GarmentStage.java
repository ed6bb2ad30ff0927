package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;
import org.vestis.video.PersonGarments;
import org.vestis.video.classify.CropClassifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The garment step of one pipeline run: per track, looks at the person (landmarks, part crops through the model,
 * colours) only when the crop would enter the track's N best and the {@link LookBudget} allows, and keeps the
 * smoothed slots. Looks run either on the caller's thread (analyze: every chosen look is taken in its frame, so a
 * run is reproducible) or, {@code background}, on a worker of their own (the live window: a look of 100 ms or a burst
 * of them never holds up the frames being drawn; while one is running no new one is chosen, and its result shows up
 * a few frames later). The landmarker is used by one thread at a time. {@link #finish()} ends the run.
 */
public final class GarmentStage {
    private final GarmentObserver observer;
    private final GarmentSmoother smoother;
    private final LookBudget.Bucket budget;
    private final ExecutorService worker;
    /** Tracks that ended while a background look at them was running: its result is dropped. */
    private final Set<Integer> endedDuringLook = new HashSet<>();
    private Future<?> running;

    GarmentStage(PoseLandmarker landmarker, CropClassifier classifier, SlotClasses classes, int topN, LookBudget budget,
                 boolean background) {
        this.observer = new GarmentObserver(new BodyRegionFinder(landmarker), classifier);
        this.smoother = new GarmentSmoother(topN, classes);
        this.budget = budget.bucket();
        this.worker = background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "garment-looks");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Which of this frame's people to look at (indices into the lists): only those whose crop would enter their track's
     * best N, at most as many as the budget allows this frame, people not yet looked at first (fewest looks first),
     * then those whose crop beats their track's worst kept look by the largest factor. None while a background look
     * is still running.
     */
    public synchronized List<Integer> choose(List<Integer> trackIds, List<Double> qualities) {
        if (running != null && !running.isDone()) {
            return List.of();
        }
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

    /** Looks at the people in {@code boxes} (one batch) and adds each look to its track; in the background, on a copy of the frame. */
    public void look(Mat bgrFrame, List<Integer> trackIds, List<Box> boxes, List<Double> qualities) {
        if (worker == null) {
            add(observer.observe(bgrFrame, boxes), trackIds, qualities);
            return;
        }
        Mat copy = bgrFrame.clone();
        synchronized (this) {
            running = worker.submit(() -> {
                try (copy) {
                    add(observer.observe(copy, boxes), trackIds, qualities);
                }
            });
        }
    }

    private synchronized void add(List<GarmentObservation> observations, List<Integer> trackIds, List<Double> qualities) {
        for (int i = 0; i < observations.size(); i++) {
            if (!endedDuringLook.contains(trackIds.get(i))) {
                smoother.add(trackIds.get(i), qualities.get(i), observations.get(i));
            }
        }
        endedDuringLook.clear();
    }

    public synchronized PersonGarments current(int trackId) {
        return smoother.current(trackId);
    }

    /** For tests in this package. */
    GarmentSmoother smoother() {
        return smoother;
    }

    public synchronized void forget(int trackId) {
        smoother.forget(trackId);
        if (running != null && !running.isDone()) {
            endedDuringLook.add(trackId);
        }
    }

    /** Waits for a background look still running (its result is kept) and stops the worker; the stage is done. */
    public void finish() {
        if (worker == null) {
            return;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** What the looks so far have cost (each look: landmarks, up to four part crops through the model, colours). */
    public GarmentObserver.Costs costs() {
        return observer.costs();
    }
}
