package org.vestis.serve.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.vestis.model.ModelBundle;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.model.Prediction;
import org.vestis.serve.photos.PhotoStore;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retrained bundle against the bundle that served when it was trained, on the reviewed items held out of its
 * training: top-1 accuracy against the verified labels, overall and per class. Stored as JSON in
 * bundles.comparison, shown on the models page before a manager switches.
 */
public final class BundleComparison {
    /** Derived figures (top-1) are written for readers of the API and ignored when read back. */
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int BATCH = 8;

    private BundleComparison() {
    }

    /** One verified class: held-out items, and how many of them each bundle named right. */
    public record ClassResult(String label, int heldOut, int newCorrect, int servingCorrect) {
    }

    /**
     * The comparison of a new bundle (its classes) with the bundle that served (id and name) on {@code heldOut} items.
     */
    public record Result(long servingId, String servingName, List<String> newLabels, int heldOut, int newCorrect,
                         int servingCorrect, List<ClassResult> perClass) {
        @JsonProperty
        public double newTop1() {
            return heldOut == 0 ? 0 : (double) newCorrect / heldOut;
        }

        @JsonProperty
        public double servingTop1() {
            return heldOut == 0 ? 0 : (double) servingCorrect / heldOut;
        }
    }

    /** Classifies every held-out photo with both bundles (read once, a few at a time) and counts the right answers. */
    public static Result compare(Path newBundle, long servingId, String servingName, Path servingBundle,
                                 List<ReviewedItemsExport.Item> heldOut, PhotoStore store) {
        ModelBundle fresh = ModelBundle.load(newBundle).forInference();
        BatchPredictor<BufferedImage> newModel = BatchPredictor.photos(fresh, BATCH);
        BatchPredictor<BufferedImage> serving = BatchPredictor.photos(ModelBundle.load(servingBundle).forInference(), BATCH);
        Map<String, int[]> counts = new LinkedHashMap<>(); // label -> held out, new right, serving right
        for (int from = 0; from < heldOut.size(); from += BATCH) {
            List<ReviewedItemsExport.Item> batch = heldOut.subList(from, Math.min(heldOut.size(), from + BATCH));
            List<BufferedImage> images = new ArrayList<>();
            batch.forEach(i -> images.add(PhotoPreprocessor.read(store.path(i.sha256()))));
            List<Prediction> a = newModel.predict(images, 1);
            List<Prediction> b = serving.predict(images, 1);
            for (int k = 0; k < batch.size(); k++) {
                int[] c = counts.computeIfAbsent(batch.get(k).label(), l -> new int[3]);
                c[0]++;
                c[1] += a.get(k).top().get(0).label().equals(batch.get(k).label()) ? 1 : 0;
                c[2] += b.get(k).top().get(0).label().equals(batch.get(k).label()) ? 1 : 0;
            }
        }
        List<ClassResult> perClass = new ArrayList<>();
        int total = 0;
        int newRight = 0;
        int servingRight = 0;
        for (Map.Entry<String, int[]> e : new java.util.TreeMap<>(counts).entrySet()) {
            int[] c = e.getValue();
            perClass.add(new ClassResult(e.getKey(), c[0], c[1], c[2]));
            total += c[0];
            newRight += c[1];
            servingRight += c[2];
        }
        return new Result(servingId, servingName, fresh.info().labels(), total, newRight, servingRight, List.copyOf(perClass));
    }

    /** Stores a bundle's comparison. */
    public static void store(Jdbi jdbi, long bundleId, Result result) {
        String json;
        try {
            json = JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE bundles SET comparison = :json WHERE id = :id").bind("json", json).bind("id", bundleId).execute());
    }

    /** Every stored comparison by bundle id (a row that cannot be read is left out rather than breaking the page). */
    public static Map<Long, Result> all(Jdbi jdbi) {
        Map<Long, Result> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, comparison FROM bundles WHERE comparison IS NOT NULL")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> parse(e.getValue()).ifPresent(r -> out.put(e.getKey(), r))));
        return out;
    }

    static Optional<Result> parse(String json) {
        try {
            return Optional.of(JSON.readValue(json, Result.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
