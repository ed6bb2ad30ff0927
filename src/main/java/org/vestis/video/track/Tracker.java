package org.vestis.video.track;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Detection;

import java.util.List;

/**
 * The tracking stage: gives the detections of consecutive frames the ids of the people they belong to.
 * Every implementation passes {@code TrackerContract} (in the tests).
 */
public interface Tracker {
    /**
     * The detections of the next frame that belong to a track (tentative or confirmed), each once, in the order
     * of {@code detections}; detections the tracker does not take up (a weak one that fits no track) are left out.
     * {@code bgrFrame}, the frame the detections come from, may be null; the tracker does not keep it.
     */
    List<TrackedDetection> update(List<Detection> detections, Mat bgrFrame);

    /** {@link #update(List, Mat)} without the pixels: trackers that use appearance go by motion alone. */
    default List<TrackedDetection> update(List<Detection> detections) {
        return update(detections, null);
    }

    /** Ids of the tracks ended since the last call, so per-track state elsewhere can be freed. Never reused. */
    List<Integer> drainRemoved();
}
