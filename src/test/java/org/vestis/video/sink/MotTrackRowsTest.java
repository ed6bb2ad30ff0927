package org.vestis.video.sink;

import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MotTrackRowsTest {
    private static MotTrackRows.TrackBox box(int id, boolean confirmed, double x) {
        return new MotTrackRows.TrackBox(id, confirmed, new Box(x, 0, 10, 20), 0.9);
    }

    @Test
    void aTracksTentativeFramesAreWrittenWhenItIsConfirmedAndNeverWhenItEnds() {
        MotTrackRows rows = new MotTrackRows(5);
        assertThat(rows.frame(1, List.of(box(1, false, 0), box(2, false, 100)))).isEmpty();
        List<MotTrackRows.Row> second = rows.frame(2, List.of(box(1, true, 2)));
        assertThat(second).extracting(MotTrackRows.Row::frame).containsExactly(1, 2);
        assertThat(second).extracting(MotTrackRows.Row::trackId).containsExactly(1, 1);
        // Track 2 was tentative and missed frame 2: it ended, and nothing of it is ever written.
        assertThat(rows.frame(3, List.of(box(2, true, 100)))).extracting(MotTrackRows.Row::frame).containsExactly(3);
    }

    @Test
    void shortGapsAreInterpolatedAndLongOnesLeftOpen() {
        MotTrackRows rows = new MotTrackRows(3);
        rows.frame(1, List.of(box(1, true, 0)));
        List<MotTrackRows.Row> back = rows.frame(4, List.of(box(1, true, 30))); // frames 2 and 3 missing
        assertThat(back).extracting(MotTrackRows.Row::frame).containsExactly(2, 3, 4);
        assertThat(back.get(0).box().x()).isEqualTo(10);
        assertThat(back.get(1).box().x()).isEqualTo(20);
        assertThat(back.get(0).score()).isNaN();
        assertThat(back.get(2).score()).isEqualTo(0.9);
        List<MotTrackRows.Row> late = rows.frame(9, List.of(box(1, true, 80))); // 4 frames missing: more than 3
        assertThat(late).extracting(MotTrackRows.Row::frame).containsExactly(9);
    }

    @Test
    void withoutGapFillingOnlyWhatWasSeenIsWritten() {
        MotTrackRows rows = new MotTrackRows(0);
        rows.frame(1, List.of(box(1, true, 0)));
        assertThat(rows.frame(3, List.of(box(1, true, 0)))).extracting(MotTrackRows.Row::frame).containsExactly(3);
    }
}
