package org.vestis.video.garment;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.vestis.video.BodyPart;
import org.vestis.video.Box;
import org.vestis.video.ColourTerm;
import org.vestis.video.GarmentSlot;
import org.vestis.video.classify.CropClassifier;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;

/**
 * Looks at people in one frame: finds each one's body regions, classifies every part's crop with the garment model
 * in one batch across all the people, and names a colour per slot. Colours are read from:
 * headwear, the upper {@link #HAT_SHARE} of the head region (a hat sits above the face); outerwear, the whole torso;
 * top, the middle {@link #TOP_STRIP} of the torso's width (where an open jacket shows what is under it); bottom, the
 * legs; footwear, the feet. Within these boxes only the pixels the landmark model's person mask covers vote (the
 * ground between the legs and around the shoes would otherwise name most footwear), less those of the person's own
 * skin colour ({@link SkinTone}, when the face is seen), unless fewer than {@link ColourNames#MIN_PIXELS} are left or
 * there is no mask (regions from box proportions): then the whole box does. Bound to the thread of its landmarker.
 */
public final class GarmentObserver {
    static final double HAT_SHARE = 0.45;
    static final double TOP_STRIP = 0.34;

    private final BodyRegionFinder regionFinder;
    private final CropClassifier classifier;
    private long people;
    private long crops;
    private long regionNanos;
    private long classifyNanos;
    private long colourNanos;

    /**
     * What looking at people has cost so far: people looked at, part crops classified, and the milliseconds per person
     * of each step (regions: the landmark model; classify: the part crops through the garment model, batched; colours).
     */
    public record Costs(long people, long crops, double regionMillis, double classifyMillis, double colourMillis) {
    }

    public GarmentObserver(BodyRegionFinder regionFinder, CropClassifier classifier) {
        this.regionFinder = regionFinder;
        this.classifier = classifier;
    }

    public List<GarmentObservation> observe(Mat bgrFrame, List<Box> persons) {
        long t0 = System.nanoTime();
        List<BodyRegions> regions = new ArrayList<>();
        List<Box> partBoxes = new ArrayList<>();
        for (Box person : persons) {
            BodyRegions r = regionFinder.find(bgrFrame, person);
            regions.add(r);
            for (BodyPart part : BodyPart.values()) {
                r.get(part).ifPresent(partBoxes::add);
            }
        }
        long t1 = System.nanoTime();
        List<float[]> probabilities = classifyAll(bgrFrame, partBoxes);
        long t2 = System.nanoTime();
        List<GarmentObservation> observations = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < regions.size(); i++) {
            BodyRegions r = regions.get(i);
            Map<BodyPart, float[]> byPart = new EnumMap<>(BodyPart.class);
            for (BodyPart part : BodyPart.values()) {
                if (r.get(part).isPresent()) {
                    byPart.put(part, probabilities.get(next++));
                }
            }
            observations.add(new GarmentObservation(r.withoutLandmarks(), byPart, colours(bgrFrame, r), persons.get(i)));
        }
        people += persons.size();
        crops += partBoxes.size();
        regionNanos += t1 - t0;
        classifyNanos += t2 - t1;
        colourNanos += System.nanoTime() - t2;
        return observations;
    }

    public Costs costs() {
        double per = Math.max(1, people) * 1e6;
        return new Costs(people, crops, regionNanos / per, classifyNanos / per, colourNanos / per);
    }

    private List<float[]> classifyAll(Mat bgrFrame, List<Box> boxes) {
        List<CropClassifier.Crop> crops = classifier.crops(bgrFrame, boxes);
        try {
            return classifier.classify(crops);
        } finally {
            crops.forEach(CropClassifier.Crop::close);
        }
    }

    private static Map<GarmentSlot, String> colours(Mat frame, BodyRegions r) {
        Map<GarmentSlot, String> colours = new EnumMap<>(GarmentSlot.class);
        PersonMask mask = r.personMask();
        SkinTone skin = r.landmarks() == null ? null : SkinTone.of(frame, r.landmarks()).orElse(null);
        r.get(BodyPart.HEAD).ifPresent(b -> colours.put(GarmentSlot.HEADWEAR,
                colourOf(frame, new Box(b.x(), b.y(), b.width(), b.height() * HAT_SHARE), mask, skin)));
        r.get(BodyPart.TORSO).ifPresent(b -> {
            colours.put(GarmentSlot.OUTERWEAR, colourOf(frame, b, mask, skin));
            double w = b.width() * TOP_STRIP;
            colours.put(GarmentSlot.TOP, colourOf(frame, new Box(b.centerX() - w / 2, b.y(), w, b.height()), mask, skin));
        });
        r.get(BodyPart.LEGS).ifPresent(b -> colours.put(GarmentSlot.BOTTOM, colourOf(frame, b, mask, skin)));
        r.get(BodyPart.FEET).ifPresent(b -> colours.put(GarmentSlot.FOOTWEAR, colourOf(frame, b, mask, skin)));
        return colours;
    }

    /**
     * The colour of the box's pixels the person covers ({@code mask}, may be null) that are not their skin
     * ({@code skin}, may be null), or of the whole box.
     */
    static String colourOf(Mat frame, Box box, PersonMask mask, SkinTone skin) {
        Box c = box.clip(frame.cols(), frame.rows());
        if (c.width() < 1 || c.height() < 1) {
            return ColourTerm.UNKNOWN.label();
        }
        try (Rect rect = new Rect((int) c.x(), (int) c.y(), Math.max(1, (int) c.width()), Math.max(1, (int) c.height()));
             Mat roi = new Mat(frame, rect)) {
            if (mask != null) {
                try (Mat garment = mask.over(rect.x(), rect.y(), rect.width(), rect.height())) {
                    if (skin != null) {
                        skin.clearFrom(roi, garment);
                    }
                    if (countNonZero(garment) >= ColourNames.MIN_PIXELS) {
                        return ColourNames.of(roi, garment).label();
                    }
                }
            }
            return ColourNames.of(roi).label();
        }
    }
}
