package org.vestis.video.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vestis.UserException;
import org.vestis.video.Box;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares an analyze run's timeline with a synthetic video's ground truth. Per frame, each ground-truth
 * object that is mostly visible is matched to the detection overlapping it best (IoU >= 0.5). Detection
 * recall counts matched objects; per-frame and smoothed accuracy count matched objects whose label (this
 * frame alone) or smoothed label (over the track's best frames) is right.
 */
public final class VideoScore {
    private static final double MIN_IOU = 0.5;
    private static final double MIN_VISIBLE = 0.5;

    public record Result(long objects, long matched, long frameCorrect, long smoothedCorrect) {
        public double recall() {
            return objects == 0 ? 0 : (double) matched / objects;
        }

        public double frameAccuracy() {
            return matched == 0 ? 0 : (double) frameCorrect / matched;
        }

        public double smoothedAccuracy() {
            return matched == 0 ? 0 : (double) smoothedCorrect / matched;
        }
    }

    private record Detected(Box box, String label, String smoothedLabel) {
    }

    private VideoScore() {
    }

    public static Result score(Path groundTruth, Path timeline) {
        ObjectMapper json = new ObjectMapper();
        Map<Long, List<Detected>> byFrame = readTimeline(json, timeline);
        long objects = 0;
        long matched = 0;
        long frameCorrect = 0;
        long smoothedCorrect = 0;
        try (BufferedReader in = Files.newBufferedReader(groundTruth)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode f = json.readTree(line);
                List<Detected> detections = new ArrayList<>(byFrame.getOrDefault(f.get("frame").asLong(), List.of()));
                for (JsonNode o : f.get("objects")) {
                    if (o.get("visible").asDouble() < MIN_VISIBLE) {
                        continue;
                    }
                    objects++;
                    JsonNode b = o.get("box");
                    Box truth = new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
                    Detected best = null;
                    for (Detected d : detections) {
                        if (d.box().iou(truth) >= MIN_IOU && (best == null || d.box().iou(truth) > best.box().iou(truth))) {
                            best = d;
                        }
                    }
                    if (best != null) {
                        detections.remove(best);
                        matched++;
                        String label = o.get("label").asText();
                        frameCorrect += label.equals(best.label()) ? 1 : 0;
                        smoothedCorrect += label.equals(best.smoothedLabel()) ? 1 : 0;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException("Cannot read the ground truth " + groundTruth + " (" + e.getMessage() + "); make it with 'vestis make-video'.", e);
        }
        return new Result(objects, matched, frameCorrect, smoothedCorrect);
    }

    private static Map<Long, List<Detected>> readTimeline(ObjectMapper json, Path timeline) {
        Map<Long, List<Detected>> byFrame = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(timeline)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = json.readTree(line);
                Box box = new Box(n.get("x").asDouble(), n.get("y").asDouble(), n.get("w").asDouble(), n.get("h").asDouble());
                byFrame.computeIfAbsent(n.get("frame").asLong(), k -> new ArrayList<>())
                        .add(new Detected(box, n.path("label").asText(null), n.path("smoothedLabel").asText(null)));
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException("Cannot read the timeline " + timeline + " (" + e.getMessage() + "); it is written by 'vestis analyze'.", e);
        }
        return byFrame;
    }
}
