package org.vestis.serve.photos;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.vestis.config.PipelineConfig;
import org.vestis.model.ModelBundle;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.detect.Detector;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.garment.ColourNames;
import org.vestis.video.garment.GarmentModel;
import org.vestis.video.garment.GarmentObservation;
import org.vestis.video.garment.GarmentObserver;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.garment.SlotDecision;
import org.vestis.video.SlotReading;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * Proposes the tags of one uploaded photo with the serving bundles. A photo in which the person detector finds
 * someone standing at least {@value #PERSON_HEIGHT} of the photo's height is a photo of people: with a garment model,
 * each such person gets the five garment slots with colours. Any other photo is a product photo: the product model's
 * best class, and the colour of the photo's middle (where a product photo puts the garment). Not thread-safe: one
 * tagging worker uses it.
 */
public final class PhotoTagger implements AutoCloseable {
    /** The slot of a product photo's single tag. */
    public static final String ITEM = "item";
    /** A person this tall (fraction of the photo's height) makes it a photo of people, not of a product. */
    static final double PERSON_HEIGHT = 0.4;

    /** One proposed tag: person 0 for a product photo, 1.. for people left to right. */
    public record ProposedTag(int person, String slot, String label, double confidence, String colour) {
    }

    private final String name;
    private final List<String> productLabels;
    private final BatchPredictor<BufferedImage> products;
    private final GarmentModel garments;
    private final GarmentObserver observer;
    private final Detector detector;

    private PhotoTagger(String name, List<String> productLabels, BatchPredictor<BufferedImage> products, GarmentModel garments, Detector detector) {
        this.name = name;
        this.productLabels = List.copyOf(productLabels);
        this.products = products;
        this.garments = garments;
        this.observer = garments == null ? null : garments.observer();
        this.detector = detector;
    }

    /**
     * Loads the product bundle and, when given, the garment bundle (a bundle with garments.json) and the person detector
     * and landmark model it needs.
     */
    public static PhotoTagger load(Path productBundle, Path garmentBundle) {
        ModelBundle product = ModelBundle.load(productBundle).forInference();
        BatchPredictor<BufferedImage> products = BatchPredictor.photos(product, BatchPredictor.ONE_BATCH);
        List<String> labels = product.info().labels();
        if (garmentBundle == null) {
            return new PhotoTagger(productBundle.getFileName().toString(), labels, products, null, null);
        }
        // The default pipeline's person detector and landmarks, as predict looks at photos of people.
        PipelineFactory people = new PipelineFactory(new PipelineConfig().spec().withModel(garmentBundle));
        GarmentModel garments = people.loadModels().garments();
        if (garments == null) {
            throw new IllegalArgumentException(garmentBundle + " is not a garment model (it has no garments.json).");
        }
        return new PhotoTagger(productBundle.getFileName().toString(), labels, products, garments, people.newPhotoDetector());
    }

    /** The labels a reviewer may choose per slot: the product classes for "item", each garment slot's classes and none. */
    public Map<String, List<String>> vocabulary() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put(ITEM, productLabels);
        if (garments != null) {
            for (GarmentSlot slot : GarmentSlot.values()) {
                List<String> classes = new ArrayList<>();
                garments.classes().classIndices().get(slot).forEach(i -> classes.add(garments.classes().labels().get(i)));
                classes.add(SlotReading.NONE);
                v.put(slot.label(), List.copyOf(new java.util.LinkedHashSet<>(classes)));
            }
        }
        return v;
    }

    /** The product bundle's name, recorded with every photo it tagged. */
    public String name() {
        return name;
    }

    /** The tags of one stored photo file. */
    public List<ProposedTag> tag(Path file) {
        try (Mat bgr = imread(file.toString())) {
            if (bgr.empty()) {
                throw new IllegalArgumentException("OpenCV cannot decode " + file.getFileName());
            }
            if (garments != null) {
                List<Box> people = detector.detect(bgr).stream().map(Detection::box)
                        .filter(b -> b.height() >= PERSON_HEIGHT * bgr.rows())
                        .sorted(Comparator.comparingDouble(Box::x)).toList();
                if (!people.isEmpty()) {
                    return personTags(bgr, people);
                }
            }
            return productTags(file, bgr);
        }
    }

    private List<ProposedTag> personTags(Mat bgr, List<Box> people) {
        List<ProposedTag> tags = new ArrayList<>();
        List<GarmentObservation> seen = observer.observe(bgr, people);
        for (int i = 0; i < seen.size(); i++) {
            PersonGarments g = SlotDecision.decide(garments.classes(), seen.get(i));
            for (GarmentSlot slot : GarmentSlot.values()) {
                SlotReading r = g.get(slot);
                tags.add(new ProposedTag(i + 1, slot.label(), r.label(), r.confidence(), r.worn() ? r.colour() : null));
            }
        }
        return tags;
    }

    /** The product model's best class (its preprocessing reads the file as the bundle was trained), and the colour. */
    private List<ProposedTag> productTags(Path file, Mat bgr) {
        Prediction p = products.predict(List.of(PhotoPreprocessor.read(file)), 1).get(0);
        Prediction.Ranked best = p.top().get(0);
        return List.of(new ProposedTag(0, ITEM, best.label(), best.probability(), middleColour(bgr)));
    }

    /** The colour of the photo's middle half (width and height): a product photo centres its garment. */
    private static String middleColour(Mat bgr) {
        Rect middle = new Rect(bgr.cols() / 4, bgr.rows() / 4, Math.max(1, bgr.cols() / 2), Math.max(1, bgr.rows() / 2));
        try (Mat part = new Mat(bgr, middle)) {
            return ColourNames.of(part).label();
        }
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
        if (garments != null) {
            garments.close();
        }
    }
}
