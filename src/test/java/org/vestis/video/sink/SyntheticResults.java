package org.vestis.video.sink;

import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Made-up pipeline results for the fixture's frames: track 1 walks right through all 30 frames; track 2 stands
 * still in frames 10 to 19 and is confirmed from frame 12 on; frame 25 has no objects at all.
 */
final class SyntheticResults {
    static final List<String> LABELS = List.of("shirt", "trousers", "dress");
    static final int STEADY_FRAME = 25;

    private SyntheticResults() {
    }

    /** Track 1's box in a frame: even coordinates, so the outline falls on whole 2x2 chroma blocks. */
    static Box walker(long frame) {
        return new Box(100 + 4 * frame, 60, 160, 240);
    }

    static Box stander() {
        return new Box(420, 100, 120, 180);
    }

    static FrameResult of(VideoFrame frame) {
        long i = frame.index();
        List<TrackResult> tracks = new ArrayList<>();
        if (i != STEADY_FRAME) {
            tracks.add(new TrackResult(1, i >= 2, new Detection(walker(i), 0.9, "person"), 0.5 + i / 100.0,
                    Prediction.of(new float[] {0.6f, 0.3f, 0.1f}, LABELS, 3),
                    Prediction.of(new float[] {0.8f, 0.15f, 0.05f}, LABELS, 3)));
        }
        if (i >= 10 && i <= 19) {
            tracks.add(new TrackResult(2, i >= 12, new Detection(stander(), 0.75, "person"), 0.4,
                    Prediction.of(new float[] {0.1f, 0.3f, 0.6f}, LABELS, 3),
                    i < 15 ? null : Prediction.of(new float[] {0.2f, 0.1f, 0.7f}, LABELS, 3)));
        }
        return new FrameResult(i, frame.timestampSeconds(), frame.width(), frame.height(), tracks, 12.5, 30.0);
    }

    static int objectsIn(long frame) {
        return (frame != STEADY_FRAME ? 1 : 0) + (frame >= 10 && frame <= 19 ? 1 : 0);
    }
}
