package org.vestis.video.garment;

import org.vestis.video.BodyPart;
import org.vestis.video.Box;

import java.util.EnumMap;
import java.util.Map;

/**
 * Body regions as fixed proportions of the person box, for when the landmarks fail or the person is too small for
 * them. The proportions are the medians, over the 800 CCP street photos, of where {@link LandmarkRegions} put each
 * region inside YOLO-Fastest's person box, made symmetric about the box's centre (median width, centred) since
 * people face either way. Measured on those photos, they cover the garments' mask pixels nearly as well as the
 * landmarks do for upright, whole people (README "Body regions"); they cannot follow a bent, turned or hidden body.
 * A box that reaches the frame edge and is shorter than {@link #CUT_ASPECT} times its width (shorter than 95% of
 * whole people's boxes) is taken as cut off and first extended to a whole person's height
 * ({@link PoseCrop#wholeBody}), so that parts outside the frame get no region: on CCP photos cut at 55% of their
 * height that raised the torso's cover from 38% to 90%. Taller boxes at the edge are taken as whole: many whole people
 * stand with their feet at the frame's bottom, and a wrongly extended box would lose their feet.
 */
final class BoxRegions {
    /** Per part: left, top, right, bottom as fractions of the person box's width and height. */
    static final Map<BodyPart, double[]> PROPORTIONS = proportions();
    /** Height over width of a box below which an edge-touching box is taken as cut off: YOLO-Fastest's 5th percentile on CCP. */
    static final double CUT_ASPECT = 2.4;

    private BoxRegions() {
    }

    private static Map<BodyPart, double[]> proportions() {
        Map<BodyPart, double[]> p = new EnumMap<>(BodyPart.class);
        p.put(BodyPart.HEAD, new double[] {0.24, -0.04, 0.76, 0.20});
        p.put(BodyPart.TORSO, new double[] {0.06, 0.16, 0.94, 0.53});
        p.put(BodyPart.LEGS, new double[] {0.18, 0.43, 0.82, 0.91});
        p.put(BodyPart.FEET, new double[] {0.20, 0.86, 0.80, 1.03});
        return p;
    }

    static Map<BodyPart, Box> of(Box person, int frameWidth, int frameHeight) {
        Box whole = PoseCrop.wholeBody(person, frameHeight, CUT_ASPECT);
        Map<BodyPart, Box> regions = new EnumMap<>(BodyPart.class);
        PROPORTIONS.forEach((part, f) -> BodyRegions.putClipped(regions, part, new Box(whole.x() + f[0] * whole.width(),
                whole.y() + f[1] * whole.height(), (f[2] - f[0]) * whole.width(), (f[3] - f[1]) * whole.height()),
                frameWidth, frameHeight));
        return regions;
    }
}
