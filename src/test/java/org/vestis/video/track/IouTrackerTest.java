package org.vestis.video.track;

import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IouTrackerTest extends TrackerContract {
    @Override
    Tracker newTracker() {
        return new IouTracker(0.3, 3, 10);
    }

    private static Detection at(double x, double y) {
        return new Detection(new Box(x, y, 50, 100), 0.9, "person");
    }

    @Test
    void twoPeopleMovingKeepTheirIdsAndAreConfirmedAfterKHits() {
        IouTracker tracker = new IouTracker(0.3, 3, 2);
        List<TrackedDetection> f1 = tracker.update(List.of(at(0, 0), at(300, 0)));
        assertThat(f1).extracting(TrackedDetection::trackId).containsExactly(1, 2);
        assertThat(f1).noneMatch(TrackedDetection::confirmed);
        tracker.update(List.of(at(5, 0), at(295, 0)));
        // Third frame, listed in the other order: ids follow the boxes, not the list order.
        List<TrackedDetection> f3 = tracker.update(List.of(at(290, 0), at(10, 0)));
        assertThat(f3).extracting(TrackedDetection::trackId).containsExactly(2, 1);
        assertThat(f3).allMatch(TrackedDetection::confirmed);
    }

    @Test
    void aTrackSurvivesShortGapsAndIsDroppedAfterMMisses() {
        IouTracker tracker = new IouTracker(0.3, 1, 2);
        tracker.update(List.of(at(0, 0)));
        tracker.update(List.of());
        tracker.update(List.of());
        assertThat(tracker.update(List.of(at(2, 0))).get(0).trackId()).as("2 misses are tolerated").isEqualTo(1);
        tracker.update(List.of());
        tracker.update(List.of());
        tracker.update(List.of());
        assertThat(tracker.drainRemoved()).containsExactly(1);
        assertThat(tracker.update(List.of(at(2, 0))).get(0).trackId()).as("ids are never reused").isEqualTo(2);
    }

    @Test
    void oneDetectionCannotFeedTwoTracksAndTheBestOverlapWins() {
        IouTracker tracker = new IouTracker(0.1, 1, 5);
        tracker.update(List.of(at(0, 0), at(40, 0)));
        List<TrackedDetection> next = tracker.update(List.of(at(38, 0)));
        assertThat(next).extracting(TrackedDetection::trackId).containsExactly(2);
    }
}
