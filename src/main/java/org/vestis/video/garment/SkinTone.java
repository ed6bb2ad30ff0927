package org.vestis.video.garment;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.vestis.video.Box;

import java.util.Arrays;
import java.util.Optional;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * One person's skin colour, read from their own face (the median CIELAB colour between the eyes and the mouth), so
 * that bare arms, necks, legs and feet can be kept out of the votes for a garment's colour. A skin colour from the face
 * rather than a fixed skin range fits every complexion and the scene's light. Pixels within {@link #DISTANCE} of it
 * (lightness counted at {@link #LIGHTNESS_WEIGHT}, since shading changes lightness most) are skin. The two constants
 * were chosen on the CCP validation photos by `vestis garments-eval`'s colour table (README "Garment colours").
 *
 * @param l CIELAB lightness, 0..100
 * @param a CIELAB a*
 * @param b CIELAB b*
 */
public record SkinTone(float l, float a, float b) {
    static final double DISTANCE = 10;
    static final double LIGHTNESS_WEIGHT = 0.5;
    /** The face must be seen from the front: the nose this visible, the eyes at least {@link #MIN_EYE_VISIBILITY}. */
    static final double MIN_NOSE_VISIBILITY = 0.8;
    static final double MIN_EYE_VISIBILITY = 0.5;
    /** A face patch under this many pixels a side is too small to trust. */
    static final int MIN_FACE_SIDE = 3;

    /** The skin colour of the person whose landmarks these are, or empty when their face is not seen well enough. */
    public static Optional<SkinTone> of(Mat bgrFrame, PoseLandmarks pose) {
        Landmark nose = pose.get(PoseLandmarks.NOSE);
        Landmark leftEye = pose.get(PoseLandmarks.LEFT_EYE), rightEye = pose.get(PoseLandmarks.RIGHT_EYE);
        Landmark mouthLeft = pose.get(PoseLandmarks.MOUTH_LEFT), mouthRight = pose.get(PoseLandmarks.MOUTH_RIGHT);
        if (nose.visibility() < MIN_NOSE_VISIBILITY || Math.min(leftEye.visibility(), rightEye.visibility()) < MIN_EYE_VISIBILITY) {
            return Optional.empty(); // from behind, the face points lie on the hair
        }
        double left = Math.min(leftEye.x(), rightEye.x()), right = Math.max(leftEye.x(), rightEye.x());
        double top = (leftEye.y() + rightEye.y()) / 2, bottom = (mouthLeft.y() + mouthRight.y()) / 2;
        Box face = new Box(left, top, right - left, bottom - top).clip(bgrFrame.cols(), bgrFrame.rows());
        if (face.width() < MIN_FACE_SIDE || face.height() < MIN_FACE_SIDE) {
            return Optional.empty();
        }
        try (Rect rect = new Rect((int) face.x(), (int) face.y(), (int) face.width(), (int) face.height());
             Mat roi = new Mat(bgrFrame, rect)) {
            float[] lab = lab(roi);
            int n = lab.length / 3;
            float[][] channels = new float[3][n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    channels[c][i] = lab[3 * i + c];
                }
            }
            for (float[] channel : channels) {
                Arrays.sort(channel);
            }
            return Optional.of(new SkinTone(channels[0][n / 2], channels[1][n / 2], channels[2][n / 2]));
        }
    }

    /** Clears (sets to 0) the pixels of {@code mask} whose pixel in {@code bgr} (same size) is this skin colour. */
    public void clearFrom(Mat bgr, Mat mask) {
        float[] lab = lab(bgr);
        byte[] m = new byte[(int) mask.total()];
        mask.data().get(m);
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0 && isSkin(lab[3 * i], lab[3 * i + 1], lab[3 * i + 2])) {
                m[i] = 0;
            }
        }
        mask.data().put(m);
    }

    boolean isSkin(double pixelL, double pixelA, double pixelB) {
        double dl = (pixelL - l) * LIGHTNESS_WEIGHT, da = pixelA - a, db = pixelB - b;
        return dl * dl + da * da + db * db < DISTANCE * DISTANCE;
    }

    /** The pixels as interleaved L*a*b* (OpenCV's float conversion, as {@link LabSamples} uses). */
    private static float[] lab(Mat bgr) {
        try (Mat scaled = new Mat(); Mat lab = new Mat()) {
            bgr.convertTo(scaled, CV_32FC3, 1 / 255.0, 0);
            cvtColor(scaled, lab, COLOR_BGR2Lab);
            float[] values = new float[(int) lab.total() * 3];
            try (FloatPointer p = new FloatPointer(lab.data())) {
                p.get(values);
            }
            return values;
        }
    }
}
