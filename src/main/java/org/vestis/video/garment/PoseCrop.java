package org.vestis.video.garment;

import org.vestis.video.Box;

/**
 * The square of the frame the landmark model sees for one person box: centred on the box, its side 1.25 times the
 * box's longer side. MediaPipe crops the same way (a square around the body's circle, scaled by 1.25, in
 * pose_detection_to_roi): the model was trained on people centred with their whole body in view and a margin
 * around them. Parts of the square outside the frame are fed as black, as MediaPipe's zero border does.
 *
 * <p>A person cut off by the bottom (or top) edge of the frame is the exception: a square around the visible part
 * makes the model squeeze the whole body into it (hips drawn at the waist, ankles at the knees). When the box reaches
 * that edge and is shorter than a standing person's box of the same width ({@link #FULL_BODY_ASPECT}), the crop is
 * built around the box extended past the edge to that height, so the missing part falls into the black border, where
 * it would be, and the model reports it out of view (presence near 0). On CCP photos cut at 55% of their height this
 * raised the torso region's cover of the top's pixels from 56% to 94% (legs: 30% to 85%; YOLO-Fastest boxes). The
 * detector's boxes stop up to 3% short of a bottom edge that cuts a person, so reaching it means within
 * {@link #CUT_MARGIN}; the top edge counts only within {@link #FILL_MARGIN}, and a box reaching both fills the frame's
 * height and is taken as the whole person.
 *
 * @param centerX centre column in frame pixels
 * @param centerY centre row in frame pixels
 * @param side    side length in frame pixels
 */
public record PoseCrop(double centerX, double centerY, double side) {
    /** MediaPipe's margin around the body for the full-body landmark models. */
    public static final double SCALE = 1.25;

    /**
     * Height over width of a whole standing person's box: 3.2, the median of YOLO-Fastest's boxes on the CCP street
     * photos (5th-95th percentile 2.45-3.96).
     */
    public static final double FULL_BODY_ASPECT = 3.2;
    /** A box within this fraction of the frame height of the bottom edge is taken as cut off there. */
    static final double CUT_MARGIN = 0.05;
    /**
     * The top edge counts as reached only within this fraction: whole people often stand with their head within 5% of
     * the top and their feet at the bottom (CCP's photos: median 4%).
     */
    static final double FILL_MARGIN = 0.01;

    /** The crop for a person box that lies wholly inside the frame. */
    public static PoseCrop around(Box person) {
        return new PoseCrop(person.centerX(), person.centerY(), SCALE * Math.max(person.width(), person.height()));
    }

    /** The crop for a person box in a frame {@code frameHeight} pixels high: around the box extended past an edge that cuts it off. */
    public static PoseCrop around(Box person, int frameHeight) {
        return around(wholeBody(person, frameHeight, FULL_BODY_ASPECT));
    }

    /**
     * {@code person} extended to a standing person's height ({@link #FULL_BODY_ASPECT} times its width) past the frame
     * edge that cuts it off, when its height is under {@code shorterThan} times its width; else itself.
     */
    static Box wholeBody(Box person, int frameHeight, double shorterThan) {
        boolean reachesBottom = person.bottom() >= frameHeight * (1 - CUT_MARGIN);
        boolean reachesTop = person.y() <= frameHeight * FILL_MARGIN;
        if (person.height() >= shorterThan * person.width() || reachesBottom == reachesTop) { // inside, or filling the height
            return person;
        }
        double full = FULL_BODY_ASPECT * person.width();
        return reachesBottom ? new Box(person.x(), person.y(), person.width(), full)
                : new Box(person.x(), person.bottom() - full, person.width(), full);
    }

    public double left() {
        return centerX - side / 2;
    }

    public double top() {
        return centerY - side / 2;
    }

    public Box box() {
        return new Box(left(), top(), side, side);
    }

    /** A column of the model's {@code inputSize}-pixel input, in frame pixels. */
    public double frameX(double inputX, int inputSize) {
        return left() + inputX * side / inputSize;
    }

    /** A row of the model's {@code inputSize}-pixel input, in frame pixels. */
    public double frameY(double inputY, int inputSize) {
        return top() + inputY * side / inputSize;
    }

    /** A length in the model's input, in frame pixels. */
    public double frameLength(double inputLength, int inputSize) {
        return inputLength * side / inputSize;
    }
}
