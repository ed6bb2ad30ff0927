package org.vestis.video.garment;

import org.vestis.video.Box;

import java.util.List;

/**
 * The 33 body landmarks of one person (BlazePose topology) in frame pixels, with the model's pose-presence score.
 * Indices are the constants below (left and right are the person's own, not the viewer's).
 *
 * @param points the 33 landmarks, indexed by the constants
 * @param score  probability (0..1) that a person fills the crop at all; MediaPipe drops poses under 0.5
 * @param crop   the square of the frame the model saw (frame pixels; may reach outside the frame)
 * @param personMask the pixels of that square the person covers, or null when the model gives no such output
 */
public record PoseLandmarks(List<Landmark> points, double score, Box crop, PersonMask personMask) {
    public static final int COUNT = 33;
    public static final int NOSE = 0;
    public static final int LEFT_EYE = 2;
    public static final int RIGHT_EYE = 5;
    public static final int LEFT_EAR = 7;
    public static final int RIGHT_EAR = 8;
    public static final int MOUTH_LEFT = 9;
    public static final int MOUTH_RIGHT = 10;
    public static final int LEFT_SHOULDER = 11;
    public static final int RIGHT_SHOULDER = 12;
    public static final int LEFT_ELBOW = 13;
    public static final int RIGHT_ELBOW = 14;
    public static final int LEFT_WRIST = 15;
    public static final int RIGHT_WRIST = 16;
    public static final int LEFT_HIP = 23;
    public static final int RIGHT_HIP = 24;
    public static final int LEFT_KNEE = 25;
    public static final int RIGHT_KNEE = 26;
    public static final int LEFT_ANKLE = 27;
    public static final int RIGHT_ANKLE = 28;
    public static final int LEFT_HEEL = 29;
    public static final int RIGHT_HEEL = 30;
    public static final int LEFT_FOOT_INDEX = 31;
    public static final int RIGHT_FOOT_INDEX = 32;

    public PoseLandmarks {
        if (points.size() != COUNT) {
            throw new IllegalArgumentException("a pose has " + COUNT + " landmarks, not " + points.size());
        }
        points = List.copyOf(points);
    }

    /** Landmarks without a person mask. */
    public PoseLandmarks(List<Landmark> points, double score, Box crop) {
        this(points, score, crop, null);
    }

    public Landmark get(int index) {
        return points.get(index);
    }
}
