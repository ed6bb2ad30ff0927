package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.detect.Detector;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline on a photo of one person, without tracking: the detector's most confident person box (a bystander is
 * usually smaller and less sure; on a tie the larger box), then that person's garments observed. Bound to the thread
 * of its detector and observer.
 */
public final class PhotoObserver {
    private final Detector detector;
    private final GarmentObserver observer;

    public PhotoObserver(Detector detector, GarmentObserver observer) {
        this.detector = detector;
        this.observer = observer;
    }

    /** The photo's person, or empty when the detector finds none. */
    public Optional<Box> person(Mat bgrPhoto) {
        return detector.detect(bgrPhoto).stream()
                .max(Comparator.comparingDouble(Detection::score).thenComparingDouble(d -> d.box().area()))
                .map(Detection::box);
    }

    /** What the person in the photo wears as seen (before any slot decision), or empty when no person is found. */
    public Optional<GarmentObservation> observe(Mat bgrPhoto) {
        return person(bgrPhoto).map(box -> observer.observe(bgrPhoto, List.of(box)).get(0));
    }
}
