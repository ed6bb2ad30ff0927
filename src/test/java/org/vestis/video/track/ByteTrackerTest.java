package org.vestis.video.track;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ByteTrackerTest extends TrackerContract {
    @Override
    Tracker newTracker() {
        return new ByteTracker(ByteTrackerSettings.DEFAULTS);
    }

    private static Detection at(double x, double y, double score) {
        return new Detection(new Box(x, y, 50, 100), score, "person");
    }

    @Test
    void aPersonHiddenForAFewFramesGetsTheirIdBackWherePredicted() {
        Tracker tracker = newTracker();
        int id = 0;
        for (int f = 0; f < 10; f++) {
            id = tracker.update(List.of(at(10 * f, 0, 0.9))).get(0).trackId();
        }
        for (int f = 10; f < 18; f++) {
            tracker.update(List.of()); // behind a pillar for 8 frames, still walking
        }
        // 80 px further on: no overlap with where they were last seen, only with where they should be now.
        List<TrackedDetection> back = tracker.update(List.of(at(180, 0, 0.9)));
        assertThat(back).extracting(TrackedDetection::trackId).containsExactly(id);
        assertThat(back.get(0).confirmed()).isTrue();
    }

    @Test
    void weakDetectionsContinueTracksButNeverStartThem() {
        Tracker tracker = newTracker();
        tracker.update(List.of(at(0, 0, 0.9)));
        int id = tracker.update(List.of(at(3, 0, 0.9))).get(0).trackId();
        List<TrackedDetection> partlyHidden = tracker.update(List.of(at(6, 0, 0.2), at(400, 0, 0.3)));
        assertThat(partlyHidden).extracting(TrackedDetection::trackId).containsExactly(id);
        assertThat(tracker.update(List.of(at(400, 0, 0.3)))).as("a weak detection alone starts nothing").isEmpty();
        assertThat(tracker.update(List.of(at(9, 0, 0.05)))).as("below the low score it is ignored").isEmpty();
    }

    @Test
    void twoPeopleCrossingKeepTheirIdsThroughTheVelocityOfTheirTracks() {
        Tracker tracker = newTracker();
        int a = 0;
        int b = 0;
        for (int f = 0; f <= 30; f++) {
            List<TrackedDetection> out = tracker.update(List.of(at(12 * f, 0, 0.9), at(360 - 12 * f, 4, 0.9)));
            assertThat(out).hasSize(2);
            if (f == 0) {
                a = out.get(0).trackId();
                b = out.get(1).trackId();
            }
            assertThat(out).extracting(TrackedDetection::trackId).as("frame %d", f).containsExactly(a, b);
        }
    }

    @Test
    void aLostTrackComesBackOnlyOnSomeoneDressedLikeIt() {
        Tracker tracker = newTracker();
        int red = 0;
        for (int f = 0; f < 5; f++) {
            try (Mat frame = ColourSignatureTest.person(40, ColourSignatureTest.RED, ColourSignatureTest.BLUE)) {
                red = tracker.update(List.of(new Detection(new Box(40, 20, 50, 100), 0.9, "person")), frame).get(0).trackId();
            }
        }
        for (int f = 0; f < 3; f++) {
            tracker.update(List.of(), null); // out of sight
        }
        try (Mat other = ColourSignatureTest.person(40, ColourSignatureTest.WHITE, ColourSignatureTest.BLACK)) {
            List<TrackedDetection> stranger = tracker.update(List.of(new Detection(new Box(40, 20, 50, 100), 0.9, "person")), other);
            assertThat(stranger).extracting(TrackedDetection::trackId).doesNotContain(red);
        }
        try (Mat back = ColourSignatureTest.person(40, ColourSignatureTest.RED, ColourSignatureTest.BLUE)) {
            tracker.update(List.of(), null); // the stranger's tentative track ends
            List<TrackedDetection> same = tracker.update(List.of(new Detection(new Box(40, 20, 50, 100), 0.9, "person")), back);
            assertThat(same).extracting(TrackedDetection::trackId).containsExactly(red);
        }
    }

    @Test
    void theFilterLearnsAConstantVelocity() {
        KalmanBoxFilter filter = new KalmanBoxFilter(new Box(0, 0, 40, 80));
        for (int f = 1; f <= 15; f++) {
            filter.predict(false);
            filter.update(new Box(5 * f, 2 * f, 40, 80));
        }
        filter.predict(false);
        Box next = filter.box();
        assertThat(next.x()).isCloseTo(80, org.assertj.core.data.Offset.offset(1.0));
        assertThat(next.y()).isCloseTo(32, org.assertj.core.data.Offset.offset(1.0));
        assertThat(next.width()).isCloseTo(40, org.assertj.core.data.Offset.offset(0.5));
    }
}
