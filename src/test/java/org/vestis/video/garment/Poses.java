package org.vestis.video.garment;

import org.vestis.video.Box;

import java.util.ArrayList;
import java.util.List;

import static org.vestis.video.garment.PoseLandmarks.*;

/** Hand-made landmark sets: a person standing upright in a box, in the proportions of an adult. */
final class Poses {
    /** Where each landmark lies in the person box (fractions), for a person facing the camera (their left on our right). */
    private static final double[][] FRONT = new double[COUNT][];

    static {
        // face: nose, eyes (inner, centre, outer), ears, mouth
        FRONT[NOSE] = new double[] {0.50, 0.075};
        FRONT[1] = new double[] {0.53, 0.06};
        FRONT[LEFT_EYE] = new double[] {0.55, 0.06};
        FRONT[3] = new double[] {0.57, 0.06};
        FRONT[4] = new double[] {0.47, 0.06};
        FRONT[RIGHT_EYE] = new double[] {0.45, 0.06};
        FRONT[6] = new double[] {0.43, 0.06};
        FRONT[LEFT_EAR] = new double[] {0.61, 0.07};
        FRONT[RIGHT_EAR] = new double[] {0.39, 0.07};
        FRONT[MOUTH_LEFT] = new double[] {0.53, 0.095};
        FRONT[MOUTH_RIGHT] = new double[] {0.47, 0.095};
        FRONT[LEFT_SHOULDER] = new double[] {0.70, 0.19};
        FRONT[RIGHT_SHOULDER] = new double[] {0.30, 0.19};
        FRONT[LEFT_ELBOW] = new double[] {0.78, 0.33};
        FRONT[RIGHT_ELBOW] = new double[] {0.22, 0.33};
        FRONT[LEFT_WRIST] = new double[] {0.80, 0.46};
        FRONT[RIGHT_WRIST] = new double[] {0.20, 0.46};
        for (int hand = 17; hand <= 22; hand++) { // pinky, index, thumb: at the wrists
            FRONT[hand] = FRONT[hand % 2 == 1 ? LEFT_WRIST : RIGHT_WRIST].clone();
            FRONT[hand][1] += 0.03;
        }
        FRONT[LEFT_HIP] = new double[] {0.60, 0.50};
        FRONT[RIGHT_HIP] = new double[] {0.40, 0.50};
        FRONT[LEFT_KNEE] = new double[] {0.60, 0.71};
        FRONT[RIGHT_KNEE] = new double[] {0.40, 0.71};
        FRONT[LEFT_ANKLE] = new double[] {0.60, 0.92};
        FRONT[RIGHT_ANKLE] = new double[] {0.40, 0.92};
        FRONT[LEFT_HEEL] = new double[] {0.59, 0.95};
        FRONT[RIGHT_HEEL] = new double[] {0.41, 0.95};
        FRONT[LEFT_FOOT_INDEX] = new double[] {0.63, 0.985};
        FRONT[RIGHT_FOOT_INDEX] = new double[] {0.37, 0.985};
    }

    private final List<Landmark> points;
    private final double score;
    private final Box crop;

    private Poses(List<Landmark> points, double score, Box crop) {
        this.points = points;
        this.score = score;
        this.crop = crop;
    }

    /** A person standing in {@code box}, facing the camera, every point seen. */
    static Poses facing(Box box) {
        return standing(box, false);
    }

    /**
     * A person standing in {@code box} with their back to the camera: left and right swap sides, and the face points
     * (which the model still places, on the back of the head) are barely visible.
     */
    static Poses fromBehind(Box box) {
        Poses p = standing(box, true);
        for (int i = NOSE; i <= MOUTH_RIGHT; i++) {
            p = p.visibility(i, 0.1);
        }
        return p;
    }

    private static Poses standing(Box box, boolean mirrored) {
        List<Landmark> points = new ArrayList<>();
        for (double[] f : FRONT) {
            double fx = mirrored ? 1 - f[0] : f[0];
            points.add(new Landmark(box.x() + fx * box.width(), box.y() + f[1] * box.height(), 0, 0.99, 0.99));
        }
        return new Poses(points, 0.99, PoseCrop.around(box).box());
    }

    Poses score(double s) {
        return new Poses(points, s, crop);
    }

    Poses visibility(int index, double v) {
        Landmark p = points.get(index);
        return set(index, new Landmark(p.x(), p.y(), p.z(), v, p.presence()));
    }

    Poses presence(int index, double v) {
        Landmark p = points.get(index);
        return set(index, new Landmark(p.x(), p.y(), p.z(), p.visibility(), v));
    }

    /** Every point moved to the same spot: a pose collapsed to nothing. */
    Poses collapsed() {
        Landmark c = points.get(NOSE);
        List<Landmark> all = new ArrayList<>();
        for (Landmark p : points) {
            all.add(new Landmark(c.x(), c.y(), 0, p.visibility(), p.presence()));
        }
        return new Poses(all, score, crop);
    }

    private Poses set(int index, Landmark p) {
        List<Landmark> copy = new ArrayList<>(points);
        copy.set(index, p);
        return new Poses(copy, score, crop);
    }

    Landmark get(int index) {
        return points.get(index);
    }

    PoseLandmarks landmarks() {
        return new PoseLandmarks(points, score, crop);
    }
}
