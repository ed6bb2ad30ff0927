package org.vestis.video.track;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentTest {
    @Test
    void aTextbookSquareCaseGetsItsKnownOptimum() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertThat(Assignment.solve(cost, 10)).containsExactly(1, 0, 2); // 1 + 2 + 2 = 5
    }

    @Test
    void forbiddenPairsAreNeverAssignedAndMorePairsBeatLowerCost() {
        // Row 0 alone would take column 0 (cost 0.1), but then row 1 has nothing: two pairs win over one.
        double[][] cost = {{0.1, 0.4}, {0.2, Double.NaN}};
        assertThat(Assignment.solve(cost, 0.5)).containsExactly(1, 0);
        assertThat(Assignment.solve(new double[][]{{0.9, 0.8}}, 0.5)).containsExactly(-1);
        assertThat(Assignment.solve(new double[0][], 0.5)).isEmpty();
        assertThat(Assignment.solve(new double[][]{{}, {}}, 0.5)).containsExactly(-1, -1);
    }

    @Test
    void rectangularMatricesEitherWayMatchABruteForceOptimum() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(5);
            double[][] cost = new double[rows][cols];
            for (double[] row : cost) {
                for (int j = 0; j < cols; j++) {
                    row[j] = random.nextDouble() < 0.3 ? Double.NaN : random.nextDouble();
                }
            }
            int[] got = Assignment.solve(cost, 0.8);
            double[] best = bruteForce(cost, 0.8, 0, new boolean[cols]);
            int pairs = 0;
            double total = 0;
            boolean[] colUsed = new boolean[cols];
            for (int i = 0; i < rows; i++) {
                if (got[i] >= 0) {
                    assertThat(colUsed[got[i]]).isFalse();
                    colUsed[got[i]] = true;
                    assertThat(cost[i][got[i]]).isLessThanOrEqualTo(0.8);
                    pairs++;
                    total += cost[i][got[i]];
                }
            }
            assertThat(pairs).as("trial %d", trial).isEqualTo((int) best[0]);
            assertThat(total).as("trial %d", trial).isCloseTo(best[1], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** {most pairs, lowest cost among those} over every assignment of rows from {@code row} on. */
    private static double[] bruteForce(double[][] cost, double max, int row, boolean[] used) {
        if (row == cost.length) {
            return new double[]{0, 0};
        }
        double[] best = bruteForce(cost, max, row + 1, used);
        for (int j = 0; j < used.length; j++) {
            double c = cost[row][j];
            if (!used[j] && !Double.isNaN(c) && c <= max) {
                used[j] = true;
                double[] rest = bruteForce(cost, max, row + 1, used);
                used[j] = false;
                double[] with = {rest[0] + 1, rest[1] + c};
                if (with[0] > best[0] || (with[0] == best[0] && with[1] < best[1])) {
                    best = with;
                }
            }
        }
        return best;
    }
}
