package org.vestis.video.track;

import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Tracker} must do; each implementation's test extends this with its own construction. */
abstract class TrackerContract {
    /** A tracker that confirms a track after at most three frames in a row and keeps a lost one for 2 to 30 frames. */
    abstract Tracker newTracker();

    static Detection person(double x, double y) {
        return new Detection(new Box(x, y, 50, 100), 0.9, "person");
    }

    @Test
    void peopleMovingKeepTheirIdsWhateverTheOrderOfTheDetections() {
        Tracker tracker = newTracker();
        List<TrackedDetection> first = tracker.update(List.of(person(0, 0), person(300, 0)));
        assertThat(first).extracting(TrackedDetection::trackId).doesNotHaveDuplicates().hasSize(2);
        int left = first.get(0).trackId();
        int right = first.get(1).trackId();
        tracker.update(List.of(person(5, 0), person(295, 0)));
        tracker.update(List.of(person(10, 0), person(290, 0)));
        List<TrackedDetection> fourth = tracker.update(List.of(person(285, 0), person(15, 0)));
        assertThat(fourth).extracting(TrackedDetection::trackId).containsExactly(right, left);
        assertThat(fourth).as("confirmed after three frames in a row").allMatch(TrackedDetection::confirmed);
        assertThat(fourth.get(0).detection()).isEqualTo(person(285, 0));
    }

    @Test
    void aNewTrackIsTentativeAtFirst() {
        Tracker tracker = newTracker();
        tracker.update(List.of(person(0, 0)));
        tracker.update(List.of(person(2, 0)));
        tracker.update(List.of(person(4, 0)));
        List<TrackedDetection> withNewcomer = tracker.update(List.of(person(6, 0), person(400, 200)));
        assertThat(withNewcomer).hasSize(2);
        assertThat(withNewcomer.get(1).confirmed()).isFalse();
    }

    @Test
    void emptyFramesEndTracksWhoseIdsAreReportedOnceAndNeverReused() {
        Tracker tracker = newTracker();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            tracker.update(List.of(person(i, 0))).forEach(t -> ids.add(t.trackId()));
        }
        List<Integer> ended = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            assertThat(tracker.update(List.of())).isEmpty();
            ended.addAll(tracker.drainRemoved());
        }
        assertThat(ended).containsExactlyElementsOf(ids);
        assertThat(tracker.drainRemoved()).isEmpty();
        List<TrackedDetection> again = tracker.update(List.of(person(2, 0)));
        assertThat(again).hasSize(1);
        assertThat(ids).doesNotContain(again.get(0).trackId());
    }

    @Test
    void eachDetectionIsGivenAtMostOnceAndNoTrackTwiceInAFrame() {
        Tracker tracker = newTracker();
        Random random = new Random(3);
        for (int f = 0; f < 60; f++) {
            List<Detection> detections = new ArrayList<>();
            for (int i = 0; i < random.nextInt(12); i++) {
                detections.add(new Detection(new Box(random.nextInt(600), random.nextInt(400), 20 + random.nextInt(80),
                        40 + random.nextInt(160)), 0.3 + 0.7 * random.nextDouble(), "person"));
            }
            List<TrackedDetection> out = tracker.update(detections);
            assertThat(out).extracting(TrackedDetection::trackId).doesNotHaveDuplicates();
            assertThat(out.stream().map(TrackedDetection::detection).distinct().count()).isEqualTo(out.size());
            assertThat(detections).containsAll(out.stream().map(TrackedDetection::detection).toList());
            // The order of the input is kept.
            List<Integer> positions = out.stream().map(t -> detections.indexOf(t.detection())).toList();
            assertThat(positions).isSorted();
        }
    }

    @Test
    void aCrowdOfThousandsOfBoxesNeitherFailsNorKeepsGrowing() {
        Tracker tracker = newTracker();
        Random random = new Random(5);
        int ended = 0;
        int started = 0;
        Set<Integer> known = new HashSet<>();
        for (int f = 0; f < 40; f++) {
            List<Detection> crowd = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                crowd.add(new Detection(new Box(random.nextInt(1900), random.nextInt(1000), 20, 50), 0.9, "person"));
            }
            for (TrackedDetection t : tracker.update(crowd)) {
                if (known.add(t.trackId())) {
                    started++;
                }
            }
            ended += tracker.drainRemoved().size();
        }
        for (int f = 0; f < 40; f++) {
            tracker.update(List.of());
            ended += tracker.drainRemoved().size();
        }
        assertThat(started).isPositive();
        assertThat(ended).as("every track ends once the crowd is gone").isEqualTo(started);
    }
}
