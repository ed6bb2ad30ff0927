package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.io.Json;
import org.vestis.video.ColourTerm;
import org.vestis.video.GarmentSlot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command: the shipped garment model, person detector and landmark model on the shipped real clip
 * (two people walking toward the camera), every output carrying the five slots, consistent with one another.
 */
class AnalyzeGarmentsTest extends ConsoleCommandTest {
    private static final Path CLIP = Path.of("videos/walking.gif");

    @TempDir
    Path dir;

    @Test
    void theDefaultConfigDescribesEachPersonByFiveSlotsInEveryOutput() throws Exception {
        Path outDir = dir.resolve("out");
        assertThat(run("analyze", CLIP.toString(), "--out", outDir.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Set<String>> slotClasses = slotClasses();
        Set<String> colours = Arrays.stream(ColourTerm.values()).map(ColourTerm::label).collect(Collectors.toSet());

        Map<Integer, JsonNode> lastLineOfTrack = new HashMap<>();
        for (String line : Files.readAllLines(outDir.resolve("walking.timeline.jsonl"))) {
            JsonNode n = Json.MAPPER.readTree(line);
            assertThat(n.get("label").isNull()).isTrue();
            assertThat(n.get("regions").asText()).isIn("landmarks", "box", "none");
            JsonNode garments = n.get("garments");
            assertThat(garments.size()).isEqualTo(5);
            for (GarmentSlot slot : GarmentSlot.values()) {
                JsonNode s = garments.get(slot.label());
                assertThat(s.get("label").asText()).isIn(with(slotClasses.get(slot.label()), "none"));
                assertThat(s.get("confidence").asDouble()).isBetween(0.0, 1.0);
                for (String c : s.get("colour").asText().split("/")) {
                    assertThat(c).isIn(colours);
                }
                if (!slot.optional() && n.get("regions").asText().equals("landmarks")) {
                    assertThat(s.get("label").asText()).as("a top, a bottom and shoes are named once the person is seen").isNotEqualTo("none");
                }
            }
            lastLineOfTrack.put(n.get("track").asInt(), n);
        }

        List<String> csv = Files.readAllLines(outDir.resolve("walking.tracks.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header).contains("top", "top_colour", "top_confidence", "footwear_colour");
        JsonNode summary = Json.MAPPER.readTree(outDir.resolve("summary.json").toFile()).get("inputs").get(0);
        assertThat(summary.get("confirmedTracks").asInt()).isEqualTo(2);
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            int track = Integer.parseInt(cells[0]);
            JsonNode last = lastLineOfTrack.get(track).get("garments");
            for (GarmentSlot slot : GarmentSlot.values()) {
                assertThat(cells[header.indexOf(slot.label())]).isEqualTo(last.get(slot.label()).get("label").asText());
                assertThat(cells[header.indexOf(slot.label() + "_colour")]).isEqualTo(last.get(slot.label()).get("colour").asText());
            }
        }
        JsonNode counts = summary.get("garmentCounts");
        for (GarmentSlot slot : GarmentSlot.values()) {
            int people = 0;
            for (JsonNode c : counts.get(slot.label())) {
                people += c.asInt();
            }
            assertThat(people).as(slot.label()).isEqualTo(2);
        }
        assertThat(summary.get("people").size()).isEqualTo(2);
        String printed = out.toString(StandardCharsets.UTF_8);
        summary.get("people").fields().forEachRemaining(e -> assertThat(printed).contains("#" + e.getKey()).contains(e.getValue().asText()));
    }

    @Test
    void anImageFolderNamesEachLinesImage() throws Exception {
        Path outDir = dir.resolve("folder");
        assertThat(run("analyze", "src/test/resources/people", "--out", outDir.toString(), "--no-video"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(outDir.resolve("people.timeline.jsonl"));
        assertThat(lines).hasSize(2); // the two people of the one photo
        for (String line : lines) {
            JsonNode n = Json.MAPPER.readTree(line);
            assertThat(n.get("file").asText()).isEqualTo("walking-frame25.jpg");
            assertThat(n.get("garments").size()).isEqualTo(5);
        }
    }

    @Test
    void aMissingLandmarkModelIsOneSentenceNamingTheFileAndWhereToGetIt() throws Exception {
        Path models = Files.createDirectories(dir.resolve("empty-models"));
        Path config = dir.resolve("garments.yaml");
        Files.writeString(config, Files.readString(Path.of("configs/garments.yaml"))
                .replace("pipeline:\n", "pipeline:\n  detector-models: " + models + "\n"));
        assertThat(run("analyze", CLIP.toString(), "--out", dir.resolve("out").toString(), "--config", config.toString())).isEqualTo(2);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr).contains("pose/pose_landmark_lite.tflite").contains("https://").doesNotContain("\tat ");
        assertThat(stderr.strip().lines()).hasSize(1);
    }

    private static Map<String, Set<String>> slotClasses() throws Exception {
        String model = org.vestis.config.ConfigLoader.load(Path.of("configs/garments.yaml")).pipeline.model;
        JsonNode slots = Json.MAPPER.readTree(Path.of(model, "garments.json").toFile()).get("slots");
        Map<String, Set<String>> out = new HashMap<>();
        slots.fields().forEachRemaining(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            out.put(e.getKey(), Set.copyOf(names));
        });
        return out;
    }

    private static String[] with(Set<String> classes, String extra) {
        List<String> all = new ArrayList<>(classes);
        all.add(extra);
        return all.toArray(new String[0]);
    }
}
