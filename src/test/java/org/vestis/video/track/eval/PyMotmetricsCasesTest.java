package org.vestis.video.track.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The small cases py-motmetrics' own tests and README check, re-typed as our data (frame by frame: ground-truth
 * ids, result ids, distances, NaN for "may not pair"), with the values py-motmetrics expects. Distances here are
 * abstract, not 1 - IoU, as in those tests; a frame is counted even when it is empty.
 */
class PyMotmetricsCasesTest {
    private static final double NAN = Double.NaN;

    private final List<FrameDistances> frames = new ArrayList<>();

    private void update(long[] truth, long[] result, double[][] distances) {
        frames.add(new FrameDistances(frames.size(), truth, result, distances));
    }

    private static long[] ids(long... ids) {
        return ids;
    }

    private static double[][] none(int rows) {
        return new double[rows][0];
    }

    /** motmetrics/tests/test_metrics.py, test_mota_motp (and test_mot.py, test_events: the same frames). */
    @Test
    void motaMotp() {
        update(ids(), ids(1, 2), none(0)); // all false positives
        update(ids(1, 2), ids(), none(2)); // all misses
        update(ids(1, 2), ids(1, 2), new double[][]{{1, 0.5}, {0.3, 1}}); // match 1-2 and 2-1
        update(ids(1, 2), ids(1, 2), new double[][]{{0.2, NAN}, {NAN, 0.1}}); // both switch
        update(ids(1, 2), ids(1, 2), new double[][]{{5, 1}, {1, 5}}); // cheaper pairs exist, history wins
        update(ids(), ids(), none(0)); // no data
        ClearMot c = ClearMot.of(frames);
        assertThat(c.matches()).isEqualTo(4);
        assertThat(c.falsePositives()).isEqualTo(2);
        assertThat(c.misses()).isEqualTo(2);
        assertThat(c.switches()).isEqualTo(2);
        assertThat(c.pairings()).isEqualTo(6); // num_detections
        assertThat(c.truthBoxes()).isEqualTo(8); // num_objects
        assertThat(c.resultBoxes()).isEqualTo(8); // num_predictions
        assertThat(c.mota()).isCloseTo(1.0 - (2 + 2 + 2) / 8.0, within(1e-12));
        assertThat(1 - c.motp()).as("py-motmetrics' MOTP, the mean distance").isCloseTo(11.1 / 6, within(1e-12));
        assertThat(c.frames()).isEqualTo(6);
    }

    /** test_metrics.py, test_extract_counts: the frames of test_mota_motp, counted for the identity scores. */
    @Test
    void identityCountsOfTheSameFrames() {
        motaMotp();
        // tps {(1,1): 3, (1,2): 2, (2,1): 2, (2,2): 3}; ids 1 and 2 appear in 4 frames each on both sides.
        IdentityScores id = IdentityScores.of(frames);
        assertThat(id.idtp()).isEqualTo(6);
        assertThat(id.truthBoxes()).isEqualTo(8);
        assertThat(id.resultBoxes()).isEqualTo(8);
        assertThat(id.idf1()).isCloseTo(12 / 16.0, within(1e-12));
    }

    /** test_metrics.py, test_ids: switches, including a result id never seen before (ascend). */
    @Test
    void switchesToNewAndReusedIds() {
        update(ids(), ids(), none(0));
        update(ids(1, 2), ids(1, 2), new double[][]{{1, 0}, {0, 1}});
        update(ids(1, 2), ids(1, 2), new double[][]{{0.4, NAN}, {NAN, 0.4}});
        update(ids(1, 2), ids(1, 2), new double[][]{{0, 1}, {1, 0}});
        update(ids(1, 2), ids(2, 3), new double[][]{{1, 0}, {0.4, 0.7}});
        update(ids(1, 3), ids(2, 3), new double[][]{{1, 0}, {0.4, 0.7}});
        update(ids(), ids(), none(0));
        ClearMot c = ClearMot.of(frames);
        assertThat(c.matches()).isEqualTo(7);
        assertThat(c.falsePositives()).isZero();
        assertThat(c.misses()).isZero();
        assertThat(c.switches()).isEqualTo(3);
        assertThat(c.pairings()).isEqualTo(10);
        assertThat(c.truthBoxes()).isEqualTo(10);
        assertThat(c.resultBoxes()).isEqualTo(10);
        assertThat(c.mota()).isCloseTo(1.0 - 3 / 10.0, within(1e-12));
        assertThat(1 - c.motp()).isCloseTo(1.6 / 10, within(1e-12));
        assertThat(c.frames()).isEqualTo(7);
    }

    /** test_metrics.py, test_correct_average: figure 3 of "Evaluating MOT performance" (Bernardin 2008). */
    @Test
    void correctAverage() {
        for (int k = 0; k < 4; k++) {
            update(ids(1, 2, 3, 4), ids(), none(4));
        }
        for (int k = 0; k < 4; k++) {
            update(ids(4), ids(4), new double[][]{{0}});
        }
        assertThat(ClearMot.of(frames).mota()).isCloseTo(0.2, within(1e-12));
    }

    /** test_metrics.py, test_assignment_metrics_with_empty_groundtruth and _with_empty_predictions. */
    @Test
    void emptyGroundTruthOrEmptyResult() {
        for (int k = 0; k < 4; k++) {
            update(ids(), ids(1, 2, 3, 4), none(0));
        }
        ClearMot c = ClearMot.of(frames);
        IdentityScores id = IdentityScores.of(frames);
        assertThat(c.matches()).isZero();
        assertThat(c.falsePositives()).isEqualTo(16);
        assertThat(c.misses()).isZero();
        assertThat(id.idtp()).isZero();
        assertThat(id.idfp()).isEqualTo(16);
        assertThat(id.idfn()).isZero();
        assertThat(c.frames()).isEqualTo(4);

        frames.clear();
        for (int k = 0; k < 4; k++) {
            update(ids(1, 2, 3, 4), ids(), none(4));
        }
        c = ClearMot.of(frames);
        id = IdentityScores.of(frames);
        assertThat(c.falsePositives()).isZero();
        assertThat(c.misses()).isEqualTo(16);
        assertThat(id.idfp()).isZero();
        assertThat(id.idfn()).isEqualTo(16);
        assertThat(c.mostlyLost()).isEqualTo(4);
    }

    /**
     * py-motmetrics' README walkthrough: three frames ("full"), then the first two alone ("part"), with its
     * motchallenge_metrics table: full IDF1 = IDP = IDR = recall = precision 83.3%, GT 2, MT 1, PT 1, ML 0, FP 1,
     * FN 1, IDs 1, FM 1, MOTA 50%, MOTP 0.340; part 75.0% each, GT 2, MT 1, PT 1, FP 1, FN 1, IDs 0, FM 0,
     * MOTA 50%, MOTP 0.167.
     */
    @Test
    void readmeWalkthrough() {
        update(ids(1, 2), ids(1, 2, 3), new double[][]{{0.1, NAN, 0.3}, {0.5, 0.2, 0.3}}); // 1-1, 2-2, FP 3
        update(ids(1, 2), ids(1), new double[][]{{0.2}, {0.4}}); // 1-1, 2 missed
        MotMetrics part = MotMetrics.of(ClearMot.of(frames), IdentityScores.of(frames));
        // Object 2 last matched 2 (frame 0, not the previous frame): 3 is a switch though (1, 3) costs less.
        update(ids(1, 2), ids(1, 3), new double[][]{{0.6, 0.2}, {0.1, 0.6}}); // 1-1 kept, 2-3 switch
        MotMetrics full = MotMetrics.of(ClearMot.of(frames), IdentityScores.of(frames));

        assertThat(full.idf1()).isCloseTo(5 / 6.0, within(1e-12)); // IDTP 5: (1,1) in 3 frames + (2,3) in 2
        assertThat(full.idp()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(full.idr()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(full.recall()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(full.precision()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(List.of(full.gtIds(), full.mostlyTracked(), full.partlyTracked(), full.mostlyLost())).containsExactly(2, 1, 1, 0);
        assertThat(List.of(full.falsePositives(), full.misses(), full.idSwitches(), full.fragmentations())).containsExactly(1L, 1L, 1L, 1L);
        assertThat(full.mota()).isCloseTo(0.5, within(1e-12));
        assertThat(1 - full.motp()).isCloseTo(0.34, within(1e-12));
        assertThat(full.frames()).isEqualTo(3);

        assertThat(part.idf1()).isCloseTo(0.75, within(1e-12));
        assertThat(part.idp()).isCloseTo(0.75, within(1e-12));
        assertThat(part.idr()).isCloseTo(0.75, within(1e-12));
        assertThat(part.recall()).isCloseTo(0.75, within(1e-12));
        assertThat(part.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(List.of(part.gtIds(), part.mostlyTracked(), part.partlyTracked(), part.mostlyLost())).containsExactly(2, 1, 1, 0);
        assertThat(List.of(part.falsePositives(), part.misses(), part.idSwitches(), part.fragmentations())).containsExactly(1L, 1L, 0L, 0L);
        assertThat(part.mota()).isCloseTo(0.5, within(1e-12));
        assertThat(1 - part.motp()).isCloseTo(0.5 / 3, within(1e-12));
    }
}
