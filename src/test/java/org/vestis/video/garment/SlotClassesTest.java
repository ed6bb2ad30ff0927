package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.io.Json;
import org.vestis.video.GarmentSlot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.vestis.video.garment.SlotTestModels.LABELS;
import static org.vestis.video.garment.SlotTestModels.json;
import static org.vestis.video.garment.SlotTestModels.p;

class SlotClassesTest {

    @Test
    void aBundleWithoutTheFileIsNoGarmentModel(@TempDir Path dir) {
        assertThat(SlotClasses.read(dir, LABELS)).isEmpty();
    }

    @Test
    void readsSlotsAndThresholdsFromTheBundle(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), """
                {"slots": {"headwear": ["hat"], "outerwear": ["outerwear"], "top": ["t-shirt", "shirt"],
                           "bottom": ["pants", "skirt", "dress"], "footwear": ["shoes", "boots"]},
                 "presence": {"headwear": 0.3}}""");
        SlotClasses c = SlotClasses.read(dir, LABELS).orElseThrow();
        assertThat(c.presenceThreshold(GarmentSlot.HEADWEAR)).isEqualTo(0.3);
        assertThat(c.presenceThreshold(GarmentSlot.OUTERWEAR)).isEqualTo(SlotClasses.DEFAULT_PRESENCE);
        assertThat(c.classIndices().get(GarmentSlot.BOTTOM)).containsExactly(5, 6, 7);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"models/garments-regions", "models/garments-mobilenetv2"})
    void theCommittedGarmentModelsMapEveryClassTheyNameToASlot(String dir) {
        Path bundle = Path.of(dir);
        java.util.List<String> labels = Json.MAPPER.convertValue(
                json(readString(bundle.resolve("model.json"))).path("labels"), new com.fasterxml.jackson.core.type.TypeReference<>() { });
        SlotClasses c = SlotClasses.read(bundle, labels).orElseThrow();
        for (GarmentSlot slot : GarmentSlot.values()) {
            assertThat(c.classIndices().get(slot)).isNotEmpty();
        }
    }

    @Test
    void scoreSumsTheSlotsClassesAndBestRenormalisesWithinTheSlot() {
        SlotClasses c = SlotTestModels.classes();
        float[] p = p("t-shirt", 0.2, "shirt", 0.6, "outerwear", 0.2);
        assertThat(c.score(GarmentSlot.TOP, p)).isCloseTo(0.8, within(1e-6));
        Map.Entry<String, Double> best = c.best(GarmentSlot.TOP, p);
        assertThat(best.getKey()).isEqualTo("shirt");
        assertThat(best.getValue()).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void badFilesGetOneSentenceNamingTheProblem() {
        assertThatThrownBy(() -> SlotClasses.parse(json("{\"slots\": {}}"), LABELS, "g.json"))
                .isInstanceOf(UserException.class).hasMessageContaining("no classes for the slot headwear");
        assertThatThrownBy(() -> SlotClasses.parse(json("""
                {"slots": {"headwear": ["cap"], "outerwear": ["outerwear"], "top": ["shirt"], "bottom": ["pants"], "footwear": ["shoes"]}}"""),
                LABELS, "g.json")).isInstanceOf(UserException.class).hasMessageContaining("'cap'").hasMessageContaining("no such class");
        assertThatThrownBy(() -> SlotClasses.parse(json("""
                {"slots": {"headwear": ["hat"], "outerwear": ["outerwear"], "top": ["shirt"], "bottom": ["pants"], "footwear": ["shoes"]},
                 "presence": {"outerwear": 1.5}}"""), LABELS, "g.json"))
                .isInstanceOf(UserException.class).hasMessageContaining("between 0 and 1");
    }

    @Test
    void invalidJsonIsOneSentence(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), "{not json");
        assertThatThrownBy(() -> SlotClasses.read(dir, LABELS)).isInstanceOf(UserException.class).hasMessageContaining("not valid JSON");
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
