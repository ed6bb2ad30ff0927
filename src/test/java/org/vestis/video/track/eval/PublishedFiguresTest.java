package org.vestis.video.track.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The figures py-motmetrics publishes for the CEM tracker's results on TUD-Campus and TUD-Stadtmitte (its
 * motmetrics/tests/test_metrics.py, test_motchallenge_files, and its README; the MOTChallenge devkit's agree).
 * Those result files are not ours to commit: set VESTIS_PYMOTMETRICS_DATA to py-motmetrics' motmetrics/data
 * folder (TUD-Campus/test.txt, TUD-Stadtmitte/test.txt) to run this; the ground truth is ours, byte-identical.
 */
@EnabledIfEnvironmentVariable(named = "VESTIS_PYMOTMETRICS_DATA", matches = ".+",
        disabledReason = "set VESTIS_PYMOTMETRICS_DATA to py-motmetrics' motmetrics/data to compare with its figures")
@EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+",
        disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with mot/)")
class PublishedFiguresTest {
    private static MotMetrics score(String sequence) {
        return MotMetrics.score(
                MotFile.readGroundTruth(Path.of(System.getenv("VESTIS_TEST_DATA"), "mot", sequence, "gt", "gt.txt")),
                MotFile.readResult(Path.of(System.getenv("VESTIS_PYMOTMETRICS_DATA"), sequence, "test.txt"), 1));
    }

    @Test
    void tudCampus() {
        // IDF1 0.557659, IDP 0.729730, IDR 0.451253, recall 0.582173, precision 0.941441, GT 8, MT 1, PT 6, ML 1,
        // FP 13, FN 150, IDs 7, FM 7, MOTA 0.526462, MOTP (py-motmetrics' mean distance) 0.277201.
        assertFigures(score("TUD-Campus"), new double[]{0.557659, 0.729730, 0.451253, 0.582173, 0.941441, 0.526462, 0.277201},
                new long[]{8, 1, 6, 1, 13, 150, 7, 7});
    }

    @Test
    void tudStadtmitte() {
        assertFigures(score("TUD-Stadtmitte"), new double[]{0.644619, 0.819760, 0.531142, 0.608997, 0.939920, 0.564014, 0.345904},
                new long[]{10, 5, 4, 1, 45, 452, 7, 6});
    }

    private static void assertFigures(MotMetrics m, double[] ratios, long[] counts) {
        double[] got = {m.idf1(), m.idp(), m.idr(), m.recall(), m.precision(), m.mota(), 1 - m.motp()};
        for (int k = 0; k < ratios.length; k++) {
            assertThat(got[k]).as("ratio %d", k).isCloseTo(ratios[k], within(1e-6));
        }
        assertThat(new long[]{m.gtIds(), m.mostlyTracked(), m.partlyTracked(), m.mostlyLost(), m.falsePositives(),
                m.misses(), m.idSwitches(), m.fragmentations()}).containsExactly(counts);
    }
}
