package org.vestis.video;

import java.util.List;

/** What the pipeline made of one frame, with timings for the overlay and the summary. */
public record FrameResult(long frameIndex, double timestampSeconds, int width, int height, List<TrackResult> tracks,
                          double detectMillis, double classifyMillis) {
}
