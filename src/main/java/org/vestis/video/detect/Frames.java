package org.vestis.video.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.video.Box;

/** Small checks shared by the detectors. */
final class Frames {
    private Frames() {
    }

    /** A frame with no pixels (e.g. a failed decode): detectors report nothing rather than fail. */
    static boolean isEmpty(Mat frame) {
        return frame == null || frame.isNull() || frame.empty() || frame.cols() <= 0 || frame.rows() <= 0;
    }

    /** Clipping can leave a sliver or nothing of a box that lay mostly outside the frame. */
    static boolean usable(Box box) {
        return box.width() >= 1 && box.height() >= 1;
    }

    static void requireOpen(boolean closed, String name) {
        if (closed) {
            throw new IllegalStateException("The " + name + " detector is closed.");
        }
    }
}
