package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;

/**
 * The body regions of a person in a frame: runs the landmark model where it can help (people at least
 * {@link BodyRegions#MIN_LANDMARK_HEIGHT} pixels tall) and falls back to the box's proportions elsewhere. Uses, and
 * does not close, the caller's {@link PoseLandmarker}, so it is bound to that landmarker's thread.
 */
public final class BodyRegionFinder {
    private final PoseLandmarker landmarker;

    public BodyRegionFinder(PoseLandmarker landmarker) {
        this.landmarker = landmarker;
    }

    public BodyRegions find(Mat bgrFrame, Box person) {
        PoseLandmarks pose = BodyRegions.wantsLandmarks(person) ? landmarker.detect(bgrFrame, person).orElse(null) : null;
        return BodyRegions.of(person, pose, bgrFrame.cols(), bgrFrame.rows());
    }
}
