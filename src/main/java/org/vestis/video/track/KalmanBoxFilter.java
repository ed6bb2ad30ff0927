package org.vestis.video.track;

import org.vestis.video.Box;

/**
 * A constant-velocity Kalman filter over a box's centre, width and height (the 8-dimensional filter of
 * ByteTrack and BoT-SORT: those four and their velocities). Noise is proportional to the box size: a tall
 * person near the camera moves more pixels per frame than a small one far away.
 *
 * <p>Transition, process noise, measurement and measurement noise are all diagonal per coordinate, and the first
 * covariance is diagonal, so the 8-dimensional filter is exactly four independent filters of (position,
 * velocity) with 2x2 covariances, which is how it is computed here.
 */
final class KalmanBoxFilter {
    /** Standard deviations as shares of the box size (ByteTrack's values): position per frame, velocity per frame. */
    private static final double POSITION_WEIGHT = 1.0 / 20;
    private static final double VELOCITY_WEIGHT = 1.0 / 160;

    // Per coordinate (0 cx, 1 cy, 2 w, 3 h): mean position p and velocity v, covariance [[pp, pv], [pv, vv]].
    private final double[] p = new double[4];
    private final double[] v = new double[4];
    private final double[] pp = new double[4];
    private final double[] pv = new double[4];
    private final double[] vv = new double[4];

    KalmanBoxFilter(Box first) {
        p[0] = first.centerX();
        p[1] = first.centerY();
        p[2] = first.width();
        p[3] = first.height();
        for (int k = 0; k < 4; k++) {
            double s = scale(k);
            pp[k] = square(2 * POSITION_WEIGHT * s);
            vv[k] = square(10 * VELOCITY_WEIGHT * s);
        }
    }

    /** One frame ahead; {@code holdSize} stops the size from drifting while a track goes unseen. */
    void predict(boolean holdSize) {
        if (holdSize) {
            v[2] = 0;
            v[3] = 0;
        }
        for (int k = 0; k < 4; k++) {
            double s = scale(k);
            p[k] += v[k];
            pp[k] += 2 * pv[k] + vv[k] + square(POSITION_WEIGHT * s);
            pv[k] += vv[k];
            vv[k] += square(VELOCITY_WEIGHT * s);
        }
    }

    /** Corrects the state with a measured box. */
    void update(Box measured) {
        double[] z = {measured.centerX(), measured.centerY(), measured.width(), measured.height()};
        for (int k = 0; k < 4; k++) {
            double r = square(POSITION_WEIGHT * scale(k));
            double innovation = z[k] - p[k];
            double s = pp[k] + r;
            double gainP = pp[k] / s;
            double gainV = pv[k] / s;
            p[k] += gainP * innovation;
            v[k] += gainV * innovation;
            vv[k] -= gainV * pv[k];
            pp[k] *= 1 - gainP;
            pv[k] *= 1 - gainP;
        }
    }

    /** The current estimate as a box (size at least one pixel). */
    Box box() {
        double w = Math.max(1, p[2]);
        double h = Math.max(1, p[3]);
        return new Box(p[0] - w / 2, p[1] - h / 2, w, h);
    }

    /** Width for the horizontal coordinates, height for the vertical ones. */
    private double scale(int k) {
        return Math.max(1, k % 2 == 0 ? p[2] : p[3]);
    }

    private static double square(double x) {
        return x * x;
    }
}
