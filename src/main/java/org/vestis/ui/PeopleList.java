package org.vestis.ui;

import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;

import javax.swing.DefaultListModel;
import javax.swing.JList;
import java.util.ArrayList;
import java.util.List;

/**
 * The people in view and what they wear, one line each ("#3 red t-shirt · blue pants · white shoes"), for a garment
 * model; with other models each track's smoothed label. Tentative tracks are left out (they may be false alarms).
 */
final class PeopleList extends JList<String> {
    private final DefaultListModel<String> lines = new DefaultListModel<>();

    PeopleList() {
        setModel(lines);
        setVisibleRowCount(6);
        setFocusable(false);
        setToolTipText("The people in view (confirmed tracks) and what they wear, smoothed over each one's best looks");
    }

    /** On the event thread: shows the confirmed tracks of this frame; the list is only touched when it changes. */
    void show(FrameResult result) {
        List<String> now = new ArrayList<>();
        for (TrackResult t : result.tracks()) {
            if (t.confirmed()) {
                now.add(line(t));
            }
        }
        if (!now.equals(java.util.Collections.list(lines.elements()))) {
            lines.clear();
            now.forEach(lines::addElement);
        }
    }

    static String line(TrackResult t) {
        if (t.garments() != null) {
            String worn = t.garments().describe();
            return "#" + t.trackId() + " " + (worn.isEmpty() ? "(not seen well yet)" : worn);
        }
        return t.smoothedLabel() == null || t.smoothedLabel().top().isEmpty() ? "#" + t.trackId()
                : "#" + t.trackId() + " " + t.smoothedLabel().top().get(0).label();
    }
}
