package org.vestis.video.track;

import java.util.ArrayList;
import java.util.List;

/** The ids of tracks a tracker ended since its caller last asked ({@link Tracker#drainRemoved()}). */
final class EndedTracks {
    private final List<Integer> ids = new ArrayList<>();

    void add(int id) {
        ids.add(id);
    }

    /** The ids ended since the last call, oldest first; the list starts empty again. */
    List<Integer> drain() {
        List<Integer> out = new ArrayList<>(ids);
        ids.clear();
        return out;
    }
}
