package org.vestis.video.track.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.Box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real MOT15 ground truth in $VESTIS_TEST_DATA/mot scored against itself and against perturbed copies, with
 * the counts worked out from the data: TUD-Campus has 359 boxes of 8 people over 71 frames (ids 4 and 5 in all of
 * them, id 3 in frames 1-63), TUD-Stadtmitte 1,156 boxes of 10 people over 179 frames (id 10 in frames 134-179,
 * 46 boxes). Two people's boxes overlap at IoU >= 0.5 only in Campus frames 15-17 (ids 2 and 3, 2 and 5) and
 * 35-38 (ids 2 and 7): never ids 4 and 5, never in the frames perturbed below.
 */
@EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+",
        disabledReason = "set VESTIS_TEST_DATA to the shared data folder (with mot/) to score the real ground truth")
class TudGroundTruthTest {
    private static List<MotBox> groundTruth(String sequence) {
        return MotFile.readGroundTruth(Path.of(System.getenv("VESTIS_TEST_DATA"), "mot", sequence, "gt", "gt.txt"));
    }

    @Test
    void theGroundTruthAgainstItselfIsPerfect() {
        for (String sequence : List.of("TUD-Campus", "TUD-Stadtmitte")) {
            List<MotBox> gt = groundTruth(sequence);
            MotMetrics m = MotMetrics.score(gt, gt);
            assertThat(m.mota()).as(sequence).isEqualTo(1.0);
            assertThat(m.idf1()).as(sequence).isEqualTo(1.0);
            assertThat(m.motp()).as(sequence).isEqualTo(1.0);
            assertThat(List.of(m.idSwitches(), m.fragmentations(), m.falsePositives(), m.misses())).as(sequence).containsOnly(0L);
            assertThat(m.mostlyTracked()).as(sequence).isEqualTo(m.gtIds());
        }
        assertThat(groundTruth("TUD-Campus")).hasSize(359);
        assertThat(groundTruth("TUD-Stadtmitte")).hasSize(1156);
    }

    @Test
    void twoIdsSwappedFromFrame36AreTwoSwitches() {
        List<MotBox> gt = groundTruth("TUD-Campus");
        List<MotBox> result = gt.stream().map(b -> b.frame() < 36 || (b.id() != 4 && b.id() != 5) ? b
                : new MotBox(b.frame(), 9 - b.id(), b.box())).collect(Collectors.toList());
        MotMetrics m = MotMetrics.score(gt, result);
        // In frame 36 the boxes of 4 and 5 do not overlap enough to keep the old pairs: each person is taken
        // by the other's track, 2 switches; from frame 37 on the new pairs carry over.
        assertThat(m.idSwitches()).isEqualTo(2);
        assertThat(List.of(m.fragmentations(), m.falsePositives(), m.misses())).containsOnly(0L);
        assertThat(m.mota()).isCloseTo(1 - 2 / 359.0, within(1e-12));
        // Identity: person 4 with track 4 in frames 1-35 (35) or track 5 in frames 36-71 (36), the same for
        // person 5: the swapped pairing wins, 72 against 70. IDTP = 359 - 71 - 71 + 72 = 289.
        assertThat(m.idtp()).isEqualTo(289);
        assertThat(m.idf1()).isCloseTo(289 / 359.0, within(1e-12));
    }

    @Test
    void boxesShiftedByHalfTheirWidthAreMissesAndFalsePositives() {
        List<MotBox> gt = groundTruth("TUD-Campus");
        // Person 3 in frames 40-44, moved right by half the box width: IoU 1/3, no pair.
        List<MotBox> result = gt.stream().map(b -> b.id() != 3 || b.frame() < 40 || b.frame() > 44 ? b
                : new MotBox(b.frame(), b.id(), new Box(b.box().x() + b.box().width() / 2, b.box().y(),
                b.box().width(), b.box().height()))).collect(Collectors.toList());
        MotMetrics m = MotMetrics.score(gt, result);
        assertThat(m.misses()).isEqualTo(5);
        assertThat(m.falsePositives()).isEqualTo(5);
        assertThat(m.fragmentations()).isEqualTo(1); // tracked before and after: one interruption
        assertThat(m.idSwitches()).isZero(); // frame 45 pairs track 3 again, the track it last had
        assertThat(m.mota()).isCloseTo(1 - 10 / 359.0, within(1e-12));
        assertThat(m.idf1()).isCloseTo(354 / 359.0, within(1e-12));
        assertThat(m.mostlyTracked()).isEqualTo(8); // person 3: 58 of 63 frames
    }

    @Test
    void aPersonNeverTrackedIsMostlyLost() {
        List<MotBox> gt = groundTruth("TUD-Stadtmitte");
        List<MotBox> result = gt.stream().filter(b -> b.id() != 10).collect(Collectors.toList());
        MotMetrics m = MotMetrics.score(gt, result);
        assertThat(m.misses()).isEqualTo(46);
        assertThat(m.falsePositives()).isZero();
        assertThat(List.of(m.mostlyTracked(), m.partlyTracked(), m.mostlyLost())).containsExactly(9, 0, 1);
        assertThat(m.trackIds()).isEqualTo(9);
        assertThat(m.mota()).isCloseTo(1 - 46 / 1156.0, within(1e-12));
        assertThat(m.idf1()).isCloseTo(2 * 1110 / (1156.0 + 1110), within(1e-12));
        assertThat(m.idp()).isEqualTo(1.0);
    }

    @Test
    void tracksWrittenAtHalfSizeScoreOneWithScaleTwo(@TempDir Path dir) throws IOException {
        List<MotBox> gt = groundTruth("TUD-Stadtmitte");
        Path half = dir.resolve("half.txt");
        Files.write(half, gt.stream().map(b -> b.frame() + "," + b.id() + "," + b.box().x() / 2 + "," + b.box().y() / 2
                + "," + b.box().width() / 2 + "," + b.box().height() / 2 + ",1,-1,-1,-1").toList());
        assertThat(MotMetrics.score(gt, MotFile.readResult(half, 1)).mota()).isNegative();
        MotMetrics m = MotMetrics.score(gt, MotFile.readResult(half, 2));
        assertThat(m.mota()).isEqualTo(1.0);
        assertThat(m.idf1()).isEqualTo(1.0);
    }
}
