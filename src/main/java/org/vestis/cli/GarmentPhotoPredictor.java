package org.vestis.cli;

import org.bytedeco.opencv.opencv_core.Mat;
import org.vestis.config.PipelineConfig;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.detect.Detector;
import org.vestis.video.garment.GarmentModel;
import org.vestis.video.garment.GarmentObservation;
import org.vestis.video.garment.GarmentObserver;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.garment.SlotDecision;
import org.vestis.video.SlotReading;
import org.vestis.video.pipeline.PipelineFactory;
import org.vestis.video.sink.SlotColumns;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * `vestis predict` with a garment model: finds the people in each photo with the person detector (the garment
 * config's settings) and prints each one's five slots, as analyze describes people in video (one look, no smoothing).
 */
final class GarmentPhotoPredictor implements AutoCloseable {
    static final String CSV_HEADER = "file,person,x,y,width,height,regions" + SlotColumns.HEADER + "\n";

    private final GarmentModel model;
    private final GarmentObserver observer;
    private final Detector detector;

    GarmentPhotoPredictor(GarmentModel model) {
        this.model = model;
        this.observer = model.observer();
        this.detector = new PipelineFactory(new PipelineConfig().spec()).newPhotoDetector();
    }

    /** One photo: a line per person, left to right; false when the photo could not be decoded. */
    boolean predict(Path file, Writer csv) throws IOException {
        List<Box> people = new ArrayList<>();
        List<PersonGarments> garments = new ArrayList<>();
        try (Mat bgr = imread(file.toString())) {
            if (bgr.empty()) {
                System.err.println("vestis: " + file + " is not an image OpenCV can decode.");
                return false;
            }
            detector.detect(bgr).stream().map(Detection::box).sorted(Comparator.comparingDouble(Box::x)).forEach(people::add);
            for (GarmentObservation o : observer.observe(bgr, people)) {
                garments.add(SlotDecision.decide(model.classes(), o));
            }
        }
        if (people.isEmpty()) {
            System.out.println(file + ": no person found");
        }
        for (int i = 0; i < people.size(); i++) {
            PersonGarments g = garments.get(i);
            Box b = people.get(i);
            String worn = g.describe();
            System.out.printf(Locale.ROOT, "%s: person %d at %.0f,%.0f %.0fx%.0f: %s%n  %s (regions: %s)%n", file, i + 1, b.x(), b.y(),
                    b.width(), b.height(), worn.isEmpty() ? "not seen well enough" : worn, slots(g), g.regions().label());
            if (csv != null) {
                csv.write(csvRow(file, i + 1, b, g));
            }
        }
        return true;
    }

    private static String slots(PersonGarments g) {
        List<String> parts = new ArrayList<>();
        for (GarmentSlot slot : GarmentSlot.values()) {
            SlotReading r = g.get(slot);
            String colour = r.worn() && !r.colour().equals("unknown") ? " " + r.colour() : "";
            parts.add(String.format(Locale.ROOT, "%s: %s%s %.0f%%", slot.label(), r.label(), colour, 100 * r.confidence()));
        }
        return String.join(" | ", parts);
    }

    private static String csvRow(Path file, int person, Box b, PersonGarments g) {
        StringBuilder s = new StringBuilder(PredictCommand.quote(file.toString()));
        s.append(String.format(Locale.ROOT, ",%d,%.1f,%.1f,%.1f,%.1f,%s", person, b.x(), b.y(), b.width(), b.height(), g.regions().label()));
        return s.append(SlotColumns.cells(g)).append('\n').toString();
    }

    @Override
    public void close() {
        detector.close();
        model.close();
    }
}
