package org.vestis.video.track.eval;

import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked cases on boxes. Every box is 10 x 10 at y = 0; people stand 100 px apart, so only boxes of one
 * person can pair. A box moved sideways by s has IoU (10 - s) / (10 + s) with the original: 2/3 for s = 2 (still
 * pairs), 3/7 for s = 4 and 0 for s >= 10 (cannot pair).
 */
class MotMetricsTest {
    private final List<MotBox> truth = new ArrayList<>();
    private final List<MotBox> result = new ArrayList<>();

    private static MotBox at(int frame, long id, double x) {
        return new MotBox(frame, id, new Box(x, 0, 10, 10));
    }

    private void person(long id, double x, int from, int to) {
        for (int f = from; f <= to; f++) {
            truth.add(at(f, id, x));
        }
    }

    private void track(long id, double x, int from, int to) {
        for (int f = from; f <= to; f++) {
            result.add(at(f, id, x));
        }
    }

    private MotMetrics score() {
        return MotMetrics.score(truth, result);
    }

    @Test
    void aPerfectResultScoresOneWhateverItsIds() {
        person(1, 0, 1, 5);
        person(2, 100, 1, 5);
        track(70, 0, 1, 5);
        track(90, 100, 1, 5);
        MotMetrics m = score();
        assertThat(m.mota()).isEqualTo(1.0);
        assertThat(m.motp()).isEqualTo(1.0);
        assertThat(m.idf1()).isEqualTo(1.0);
        assertThat(List.of(m.idSwitches(), m.fragmentations(), m.falsePositives(), m.misses())).containsOnly(0L);
        assertThat(m.matches()).isEqualTo(10);
        assertThat(List.of(m.gtIds(), m.trackIds(), m.mostlyTracked(), m.frames())).containsExactly(2, 2, 2, 5);
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.precision()).isEqualTo(1.0);
    }

    @Test
    void aNewTrackIdHalfwayIsOneSwitchAndHalvesIdf1() {
        person(1, 0, 1, 6);
        track(1, 0, 1, 3);
        track(2, 0, 4, 6);
        MotMetrics m = score();
        assertThat(m.idSwitches()).isEqualTo(1);
        assertThat(m.mota()).isCloseTo(1 - 1 / 6.0, within(1e-12));
        // IDTP: person 1 keeps one of the tracks, 3 frames; IDF1 = 2 * 3 / (6 + 6).
        assertThat(m.idtp()).isEqualTo(3);
        assertThat(m.idf1()).isCloseTo(0.5, within(1e-12));
        assertThat(m.fragmentations()).isZero();
        assertThat(m.trackIds()).isEqualTo(2);
    }

    @Test
    void twoTracksThatSwapPeopleAreTwoSwitches() {
        person(1, 0, 1, 4);
        person(2, 100, 1, 4);
        track(1, 0, 1, 2);
        track(2, 100, 1, 2);
        track(1, 100, 3, 4);
        track(2, 0, 3, 4);
        MotMetrics m = score();
        assertThat(m.idSwitches()).isEqualTo(2);
        assertThat(m.mota()).isCloseTo(1 - 2 / 8.0, within(1e-12));
        assertThat(m.idf1()).isCloseTo(0.5, within(1e-12)); // IDTP 4 of 8 + 8
    }

    @Test
    void missRunsBetweenTrackedFramesAreFragmentations() {
        // Frames 1-9: missed, tracked, tracked, missed, missed, tracked, missed, tracked, missed.
        person(1, 0, 1, 9);
        track(1, 0, 2, 3);
        track(1, 0, 6, 6);
        track(1, 0, 8, 8);
        MotMetrics m = score();
        // Runs 4-5 and 7 lie between tracked frames; frame 1 comes before the first, frame 9 after the last.
        assertThat(m.fragmentations()).isEqualTo(2);
        assertThat(m.misses()).isEqualTo(5);
        assertThat(m.idSwitches()).isZero();
        assertThat(m.recall()).isCloseTo(4 / 9.0, within(1e-12));
        assertThat(List.of(m.mostlyTracked(), m.partlyTracked(), m.mostlyLost())).containsExactly(0, 1, 0); // 4/9
    }

    @Test
    void framesWithoutThePersonInTheGroundTruthAreNotFragmentations() {
        person(1, 0, 1, 2);
        person(1, 0, 5, 6);
        track(1, 0, 1, 6); // frames 3-4: the person is not annotated, the track box is a false positive
        MotMetrics m = score();
        assertThat(m.fragmentations()).isZero();
        assertThat(m.falsePositives()).isEqualTo(2);
        assertThat(m.idSwitches()).isZero();
    }

    @Test
    void falsePositivesAndMisses() {
        person(1, 0, 1, 3);
        person(2, 100, 1, 3); // never tracked: 3 misses
        track(1, 0, 1, 2);
        track(1, 4, 3, 3); // IoU 3/7 < 0.5 in frame 3: a miss and a false positive
        track(3, 300, 2, 2); // nobody there: a false positive
        MotMetrics m = score();
        assertThat(m.misses()).isEqualTo(4);
        assertThat(m.falsePositives()).isEqualTo(2);
        assertThat(m.matches()).isEqualTo(2);
        assertThat(m.mota()).isCloseTo(1 - (4 + 2) / 6.0, within(1e-12));
        assertThat(m.recall()).isCloseTo(2 / 6.0, within(1e-12));
        assertThat(m.precision()).isCloseTo(2 / 4.0, within(1e-12));
        assertThat(List.of(m.mostlyTracked(), m.partlyTracked(), m.mostlyLost())).containsExactly(0, 1, 1); // 2/3, 0
        // IDTP 2 (person 1 with track 1 in frames 1-2): IDF1 = 4 / (6 + 4), IDP 2/4, IDR 2/6.
        assertThat(m.idf1()).isCloseTo(0.4, within(1e-12));
        assertThat(m.idp()).isCloseTo(0.5, within(1e-12));
        assertThat(m.idr()).isCloseTo(2 / 6.0, within(1e-12));
        assertThat(List.of(m.idtp(), m.idfp(), m.idfn())).containsExactly(2L, 2L, 4L);
    }

    @Test
    void aCorrespondenceOfThePreviousFrameIsKeptWhereAHungarianMatchWouldSwitch() {
        person(1, 0, 1, 2);
        track(1, 0, 1, 1);
        track(1, 2, 2, 2); // IoU 2/3: may still pair
        track(2, 0, 2, 2); // IoU 1: cheaper, but taking it would be a switch
        MotMetrics m = score();
        assertThat(m.idSwitches()).isZero();
        assertThat(m.falsePositives()).isEqualTo(1); // track 2
        assertThat(m.motp()).isCloseTo((1 + 2 / 3.0) / 2, within(1e-12));
    }

    @Test
    void onlyTheCorrespondenceOfThePreviousFrameIsKept() {
        // py-motmetrics pull request 127 (its issue 41): after a frame without the match, the cheaper pair wins.
        person(1, 0, 1, 3);
        track(1, 0, 1, 1);
        track(1, 50, 2, 2); // frame 2: no overlap, person 1 missed, track 1 a false positive
        track(1, 2, 3, 3); // frame 3: track 1 may pair again (IoU 2/3) ...
        track(2, 0, 3, 3); // ... but track 2 is cheaper: it is taken, a switch from track 1
        MotMetrics m = score();
        assertThat(m.idSwitches()).isEqualTo(1);
        assertThat(m.falsePositives()).isEqualTo(2);
        assertThat(m.misses()).isEqualTo(1);
        assertThat(m.fragmentations()).isEqualTo(1);
    }

    @Test
    void aMatchAfterAGapWithTheSameTrackIsNoSwitch() {
        person(1, 0, 1, 4);
        track(1, 0, 1, 1);
        track(1, 0, 4, 4);
        MotMetrics m = score();
        assertThat(m.idSwitches()).isZero();
        assertThat(m.fragmentations()).isEqualTo(1);
        assertThat(m.misses()).isEqualTo(2);
    }

    @Test
    void idf1TakesTheBestGlobalPairingNotTheGreedyOne() {
        // Frames 1-5: person 1 (x 0) has track 1, person 2 (x 100) nothing.
        // Frames 6-9: person 1 has track 2, person 2 has track 1.
        person(1, 0, 1, 9);
        person(2, 100, 1, 9);
        track(1, 0, 1, 5);
        track(2, 0, 6, 9);
        track(1, 100, 6, 9);
        MotMetrics m = score();
        // Frames together: (1, track 1) 5, (1, track 2) 4, (2, track 1) 4. Greedy takes (1, track 1) first and
        // leaves person 2 nothing: IDTP 5. The best pairing is (1, track 2) + (2, track 1): IDTP 4 + 4 = 8.
        // Boxes: ground truth 9 + 9 = 18, result 9 + 4 = 13; IDF1 = 2 * 8 / (18 + 13) = 16/31, IDP 8/13, IDR 8/18.
        assertThat(m.idtp()).isEqualTo(8);
        assertThat(m.idf1()).isCloseTo(16 / 31.0, within(1e-12));
        assertThat(m.idp()).isCloseTo(8 / 13.0, within(1e-12));
        assertThat(m.idr()).isCloseTo(8 / 18.0, within(1e-12));
        // CLEAR-MOT: person 2 missed in frames 1-5; in frame 6 person 1 moves to track 2 (a switch) while track 1
        // takes person 2 (its first match, no switch). MOTA = 1 - (5 + 0 + 1) / 18.
        assertThat(m.misses()).isEqualTo(5);
        assertThat(m.idSwitches()).isEqualTo(1);
        assertThat(m.mota()).isCloseTo(1 - 6 / 18.0, within(1e-12));
    }

    @Test
    void pairsAtExactlyHalfIouMatch() {
        person(1, 0, 1, 1);
        result.add(new MotBox(1, 1, new Box(0, 0, 10, 5))); // half the person's box: IoU 50 / 100
        MotMetrics m = score();
        assertThat(m.matches()).isEqualTo(1);
        assertThat(m.motp()).isEqualTo(0.5);
    }

    @Test
    void anIdTwiceInOneFrameIsRefused() {
        person(1, 0, 1, 1);
        track(1, 0, 1, 1);
        track(1, 50, 1, 1);
        assertThatThrownBy(this::score)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1");
    }

    @Test
    void nothingToScoreGivesNaNRatiosNotErrors() {
        MotMetrics m = score();
        assertThat(m.frames()).isZero();
        assertThat(m.mota()).isNaN();
        assertThat(m.idf1()).isNaN();
    }
}
