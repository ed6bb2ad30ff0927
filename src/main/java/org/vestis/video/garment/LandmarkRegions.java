package org.vestis.video.garment;

import org.vestis.video.BodyPart;
import org.vestis.video.Box;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.vestis.video.garment.PoseLandmarks.LEFT_ANKLE;
import static org.vestis.video.garment.PoseLandmarks.LEFT_ELBOW;
import static org.vestis.video.garment.PoseLandmarks.LEFT_EYE;
import static org.vestis.video.garment.PoseLandmarks.LEFT_HIP;
import static org.vestis.video.garment.PoseLandmarks.LEFT_KNEE;
import static org.vestis.video.garment.PoseLandmarks.LEFT_SHOULDER;
import static org.vestis.video.garment.PoseLandmarks.MOUTH_RIGHT;
import static org.vestis.video.garment.PoseLandmarks.NOSE;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_ANKLE;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_ELBOW;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_EYE;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_FOOT_INDEX;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_HIP;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_KNEE;
import static org.vestis.video.garment.PoseLandmarks.RIGHT_SHOULDER;

/**
 * Body regions from pose landmarks. All margins are fractions of the torso length (shoulders' midpoint to hips'
 * midpoint), which, unlike the shoulder width, does not shrink when a person turns sideways. They were chosen on
 * half of the CCP street photos by how much of each garment's mask pixels the region covers against how much of the
 * other slots' pixels it takes in (README "Body regions"):
 * <ul>
 *   <li>head: the face points (nose, eyes, ears, mouth; the model places them on the back of the head too) widened
 *       by 0.15, from 0.45 above the eyes (hats) down to the higher shoulder;</li>
 *   <li>torso: shoulders, hips and elbows widened by 0.1, from 0.15 above the higher shoulder (the shoulder points are
 *       joints, the garment lies above) to 0.15 below the lower hip;</li>
 *   <li>legs: hips, knees and ankles widened by 0.15, from 0.2 above the higher hip (the waistband lies above the hip
 *       joints) to 0.05 below the lower ankle;</li>
 *   <li>feet: ankles, heels and toes widened by 0.15, from 0.1 above the higher ankle to 0.2 below the lowest point
 *       (the sole lies below the foot points).</li>
 * </ul>
 * A part needs its anchors in view (presence at least 0.5 and inside the frame): the face for the head, the hips for
 * the legs, both ankles for the feet; points out of view still give the extent (a torso whose hips lie below the frame
 * runs to the frame's edge). Without a seen shoulder, both shoulders in view and a torso of some length, the
 * landmarks are not trusted at all.
 */
final class LandmarkRegions {
    static final double MIN_SEEN = 0.5;
    /** A torso shorter than this fraction of the landmarks' crop is a collapsed pose, not a person. */
    static final double MIN_TORSO_FRACTION = 0.04;

    private LandmarkRegions() {
    }

    /** The regions, or empty when the landmarks cannot be trusted for this person. */
    static Optional<Map<BodyPart, Box>> of(PoseLandmarks pose, int frameWidth, int frameHeight) {
        Landmark ls = pose.get(LEFT_SHOULDER), rs = pose.get(RIGHT_SHOULDER);
        Landmark lh = pose.get(LEFT_HIP), rh = pose.get(RIGHT_HIP);
        boolean shoulderSeen = Math.max(ls.visibility(), rs.visibility()) >= MIN_SEEN; // a side view hides one
        boolean shouldersInView = Math.min(ls.presence(), rs.presence()) >= MIN_SEEN
                && inFrame(ls, frameWidth, frameHeight) && inFrame(rs, frameWidth, frameHeight);
        double torso = Math.hypot((ls.x() + rs.x() - lh.x() - rh.x()) / 2, (ls.y() + rs.y() - lh.y() - rh.y()) / 2);
        if (!shoulderSeen || !shouldersInView || !(torso >= MIN_TORSO_FRACTION * pose.crop().height())) {
            return Optional.empty();
        }
        Map<BodyPart, Box> regions = new EnumMap<>(BodyPart.class);
        double shouldersTop = Math.min(ls.y(), rs.y());

        if (inView(pose.get(NOSE), frameWidth, frameHeight)) {
            Extent face = Extent.range(pose, NOSE, MOUTH_RIGHT);
            double top = Math.min(pose.get(LEFT_EYE).y(), pose.get(RIGHT_EYE).y()) - 0.45 * torso;
            double bottom = Math.max(shouldersTop, face.bottom + 0.1 * torso); // a bowed head hangs below the shoulders
            put(regions, BodyPart.HEAD, face.left - 0.15 * torso, top, face.right + 0.15 * torso, bottom, frameWidth, frameHeight);
        }

        Extent trunk = Extent.of(pose, LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP);
        for (int elbow : new int[] {LEFT_ELBOW, RIGHT_ELBOW}) {
            if (pose.get(elbow).presence() >= MIN_SEEN) {
                trunk = trunk.with(pose.get(elbow));
            }
        }
        put(regions, BodyPart.TORSO, trunk.left - 0.1 * torso, shouldersTop - 0.15 * torso,
                trunk.right + 0.1 * torso, Math.max(lh.y(), rh.y()) + 0.15 * torso, frameWidth, frameHeight);

        if (inView(lh, frameWidth, frameHeight) || inView(rh, frameWidth, frameHeight)) {
            Extent legs = Extent.of(pose, LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE);
            double ankles = Math.max(pose.get(LEFT_ANKLE).y(), pose.get(RIGHT_ANKLE).y());
            put(regions, BodyPart.LEGS, legs.left - 0.15 * torso, Math.min(lh.y(), rh.y()) - 0.2 * torso,
                    legs.right + 0.15 * torso, ankles + 0.05 * torso, frameWidth, frameHeight);
        }

        if (inView(pose.get(LEFT_ANKLE), frameWidth, frameHeight) && inView(pose.get(RIGHT_ANKLE), frameWidth, frameHeight)) {
            Extent feet = Extent.range(pose, LEFT_ANKLE, RIGHT_FOOT_INDEX);
            double top = Math.min(pose.get(LEFT_ANKLE).y(), pose.get(RIGHT_ANKLE).y()) - 0.1 * torso;
            put(regions, BodyPart.FEET, feet.left - 0.15 * torso, top, feet.right + 0.15 * torso, feet.bottom + 0.2 * torso,
                    frameWidth, frameHeight);
        }
        return Optional.of(regions);
    }

    private static void put(Map<BodyPart, Box> regions, BodyPart part, double left, double top, double right, double bottom,
                            int frameWidth, int frameHeight) {
        BodyRegions.putClipped(regions, part, new Box(left, top, right - left, bottom - top), frameWidth, frameHeight);
    }

    /** The model places the point inside its crop and the point lies inside the frame. */
    static boolean inView(Landmark p, int frameWidth, int frameHeight) {
        return p.presence() >= MIN_SEEN && inFrame(p, frameWidth, frameHeight);
    }

    private static boolean inFrame(Landmark p, int frameWidth, int frameHeight) {
        return p.x() >= 0 && p.y() >= 0 && p.x() < frameWidth && p.y() < frameHeight;
    }

    /** The bounding box of some landmarks. */
    private record Extent(double left, double top, double right, double bottom) {
        /** Over the landmarks {@code from} to {@code to} inclusive. */
        static Extent range(PoseLandmarks pose, int from, int to) {
            Extent e = at(pose.get(from));
            for (int i = from + 1; i <= to; i++) {
                e = e.with(pose.get(i));
            }
            return e;
        }

        static Extent of(PoseLandmarks pose, int... indices) {
            Extent e = at(pose.get(indices[0]));
            for (int i : indices) {
                e = e.with(pose.get(i));
            }
            return e;
        }

        static Extent at(Landmark p) {
            return new Extent(p.x(), p.y(), p.x(), p.y());
        }

        Extent with(Landmark p) {
            return new Extent(Math.min(left, p.x()), Math.min(top, p.y()), Math.max(right, p.x()), Math.max(bottom, p.y()));
        }
    }
}
