package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.UserException;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

/**
 * A fixed box in the middle of the frame, {@code fraction} of its width and height: for a demonstrator who
 * holds a garment up in front of the camera, where a person detector would box the demonstrator instead.
 */
public final class CenterDetector implements Detector {
    public static final String NAME = "center";
    public static final String KIND = "garment";

    private final double fraction;
    private boolean closed;

    public CenterDetector() {
        this(DetectorSettings.DEFAULT_CENTER_FRACTION);
    }

    public CenterDetector(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new UserException("The center detector's fraction must be above 0 and at most 1, not " + fraction + ".");
        }
        this.fraction = fraction;
    }

    @Override
    public List<Detection> detect(Mat bgrFrame) {
        Frames.requireOpen(closed, NAME);
        if (Frames.isEmpty(bgrFrame)) {
            return List.of();
        }
        int w = bgrFrame.cols(), h = bgrFrame.rows();
        double bw = w * fraction, bh = h * fraction;
        return List.of(new Detection(new Box((w - bw) / 2, (h - bh) / 2, bw, bh), 1.0, KIND));
    }


    @Override
    public void close() {
        closed = true;
    }
}
