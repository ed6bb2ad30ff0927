package org.vestis.cli;

import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.sink.FrameSink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A sink that keeps every track's results frame by frame, so that a run can be scored afterwards. */
final class TrackRecorder implements FrameSink {
    /** One track in one frame. */
    record Seen(long frameIndex, TrackResult result) {
    }

    private final Map<Integer, List<Seen>> tracks = new TreeMap<>();

    @Override
    public void accept(VideoFrame frame, FrameResult result) {
        for (TrackResult t : result.tracks()) {
            tracks.computeIfAbsent(t.trackId(), k -> new ArrayList<>()).add(new Seen(frame.index(), t));
        }
    }

    /** The frames of the track seen in most frames (of equals, the lowest id), or empty when nothing was tracked. */
    Optional<List<Seen>> longestTrack() {
        return tracks.values().stream().max(Comparator.comparingInt(List::size));
    }

    @Override
    public void close() {
    }
}
