package org.vestis.ui;

import org.vestis.video.FrameResult;

import java.awt.image.BufferedImage;

/** One frame as the window shows it: the picture, what the pipeline found in it, and the measured frame rate. */
public record Shown(BufferedImage image, FrameResult result, double fps) {

    /** The corner line of the overlay: frames per second and inference latency (detection + classification). */
    public String status() {
        return org.vestis.video.sink.OverlayLayout.status(fps, result.detectMillis() + result.classifyMillis());
    }
}
