package org.vestis.video.track;

import java.util.Arrays;

/**
 * Minimum-cost assignment of rows to columns (the Hungarian algorithm, in its O(n²m) form with potentials),
 * for rectangular cost matrices and with forbidden pairs. A pair whose cost is above {@code maxCost} (or NaN)
 * is never assigned: among the assignments of allowed pairs, the one with the most pairs wins, then the one
 * of lowest total cost, as py-motmetrics and ByteTrack's association treat their cost limits.
 */
public final class Assignment {
    private Assignment() {
    }

    /**
     * The column assigned to each row, or -1 for rows left unassigned.
     *
     * @param cost    rows × columns (every row the same length); may be empty
     * @param maxCost the highest cost a pair may have to be assigned
     */
    public static int[] solve(double[][] cost, double maxCost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        if (rows == 0 || cols == 0) {
            return rowToCol;
        }
        boolean transpose = rows > cols;
        int n = transpose ? cols : rows;
        int m = transpose ? rows : cols;
        // Forbidden pairs cost more than any allowed assignment could in total, so the count of allowed pairs
        // is maximised first; they are dropped from the answer afterwards.
        double largestAllowed = 0;
        for (double[] row : cost) {
            for (double c : row) {
                if (allowed(c, maxCost)) {
                    largestAllowed = Math.max(largestAllowed, Math.abs(c));
                }
            }
        }
        double forbidden = (largestAllowed + 1) * (n + 1);
        double[][] a = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double c = transpose ? cost[j][i] : cost[i][j];
                a[i][j] = allowed(c, maxCost) ? c : forbidden;
            }
        }
        int[] colOfRow = solveRowsAtMostCols(a, n, m);
        for (int i = 0; i < n; i++) {
            int j = colOfRow[i];
            int r = transpose ? j : i;
            int c = transpose ? i : j;
            if (allowed(cost[r][c], maxCost)) {
                rowToCol[r] = c;
            }
        }
        return rowToCol;
    }

    private static boolean allowed(double c, double maxCost) {
        return !Double.isNaN(c) && c <= maxCost;
    }

    /** Every one of the n rows gets a distinct column of m >= n; 1-based potentials as in the textbook form. */
    private static int[] solveRowsAtMostCols(double[][] a, int n, int m) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] rowOfCol = new int[m + 1]; // 0 = free; column 0 is the virtual start
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            rowOfCol[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOfCol[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOfCol[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfCol[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfCol[j0] = rowOfCol[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] colOfRow = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfCol[j] != 0) {
                colOfRow[rowOfCol[j] - 1] = j - 1;
            }
        }
        return colOfRow;
    }
}
