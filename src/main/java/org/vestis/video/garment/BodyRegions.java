package org.vestis.video.garment;

import org.vestis.video.BodyPart;
import org.vestis.video.Box;
import org.vestis.video.RegionSource;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The head, torso, legs and feet of one person as boxes in frame pixels, and where they came from. Regions come
 * from the pose landmarks when those can be trusted (LandmarkRegions), else from fixed proportions of the
 * person box (BoxRegions, said so by {@link RegionSource#BOX} and a lower confidence), and not at all for a
 * person under {@link #MIN_PERSON_HEIGHT} pixels. A part out of view (legs below the frame edge) has no region.
 *
 * @param source     where the regions came from
 * @param confidence how far to trust the regions, 0..1: {@link #BOX_CONFIDENCE} for box proportions, 0 for none,
 *                   above {@link #BOX_CONFIDENCE} for landmarks (the pose score times the shoulders' visibility,
 *                   mapped to 0.5..1)
 * @param boxes      a box per part in view, clipped to the frame
 * @param landmarks  the landmarks the regions came from (null for regions from box proportions)
 */
public record BodyRegions(RegionSource source, double confidence, Map<BodyPart, Box> boxes, PoseLandmarks landmarks) {
    /** Under this height (pixels) a person gets no regions: the head and feet would be under 5 pixels high. */
    public static final double MIN_PERSON_HEIGHT = 32;
    /** Under this height (pixels) the landmarks are not tried and the box proportions are used. */
    public static final double MIN_LANDMARK_HEIGHT = 60;
    /** MediaPipe's own threshold on the pose-presence score. */
    public static final double MIN_POSE_SCORE = 0.5;
    /** Confidence of regions from box proportions: they cannot see a bent, turned or partly hidden person. */
    public static final double BOX_CONFIDENCE = 0.3;

    /** A region smaller than this (pixels) in either direction after clipping to the frame is dropped. */
    static final double MIN_REGION_SIDE = 4;

    public BodyRegions {
        EnumMap<BodyPart, Box> ordered = new EnumMap<>(BodyPart.class);
        ordered.putAll(boxes);
        boxes = Collections.unmodifiableMap(ordered);
    }

    /** Regions not made from landmarks. */
    public BodyRegions(RegionSource source, double confidence, Map<BodyPart, Box> boxes) {
        this(source, confidence, boxes, null);
    }

    public static BodyRegions none() {
        return new BodyRegions(RegionSource.NONE, 0, Map.of());
    }

    /**
     * The regions of the person in {@code person}, from {@code landmarks} where they can be trusted (null: not run,
     * e.g. for a small person), else from the box's proportions.
     */
    public static BodyRegions of(Box person, PoseLandmarks landmarks, int frameWidth, int frameHeight) {
        if (!(person.height() >= MIN_PERSON_HEIGHT) || !(person.width() >= 1)) {
            return none();
        }
        if (landmarks != null && person.height() >= MIN_LANDMARK_HEIGHT && landmarks.score() >= MIN_POSE_SCORE) {
            Optional<Map<BodyPart, Box>> fromLandmarks = LandmarkRegions.of(landmarks, frameWidth, frameHeight);
            if (fromLandmarks.isPresent() && !fromLandmarks.get().isEmpty()) {
                return new BodyRegions(RegionSource.LANDMARKS, landmarkConfidence(landmarks), fromLandmarks.get(), landmarks);
            }
        }
        Map<BodyPart, Box> fromBox = BoxRegions.of(person, frameWidth, frameHeight);
        return fromBox.isEmpty() ? none() : new BodyRegions(RegionSource.BOX, BOX_CONFIDENCE, fromBox);
    }

    /** Whether the landmark model is worth running for this person box (else {@link #of} uses the box alone). */
    public static boolean wantsLandmarks(Box person) {
        return person.height() >= MIN_LANDMARK_HEIGHT && person.width() >= 1;
    }

    private static double landmarkConfidence(PoseLandmarks landmarks) {
        double shoulders = Math.max(landmarks.get(PoseLandmarks.LEFT_SHOULDER).visibility(),
                landmarks.get(PoseLandmarks.RIGHT_SHOULDER).visibility());
        return 0.5 + 0.5 * Math.max(0, Math.min(1, landmarks.score() * shoulders));
    }

    /** The pixels the person covers, from the landmark model; null without landmarks or when the model has no such output. */
    public PersonMask personMask() {
        return landmarks == null ? null : landmarks.personMask();
    }

    /** The same regions without their landmarks: what a kept look holds (a person mask is 64 KiB). */
    public BodyRegions withoutLandmarks() {
        return landmarks == null ? this : new BodyRegions(source, confidence, boxes);
    }

    public Optional<Box> get(BodyPart part) {
        return Optional.ofNullable(boxes.get(part));
    }

    /** The word the outputs carry: "landmarks", "box" or "none". */
    public String label() {
        return source.label();
    }

    /** {@code region} clipped to the frame and added to {@code into}, unless too little of it is left. */
    static void putClipped(Map<BodyPart, Box> into, BodyPart part, Box region, int frameWidth, int frameHeight) {
        Box clipped = region.clip(frameWidth, frameHeight);
        if (clipped.width() >= MIN_REGION_SIDE && clipped.height() >= MIN_REGION_SIDE) {
            into.put(part, clipped);
        }
    }
}
