package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.video.GarmentSlot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SlotClassesTemperatureTest {
    private static final List<String> LABELS = List.of("hat", "outerwear", "shirt", "t-shirt", "pants", "dress", "shoes");
    private static final String FILE = """
            {
              "slots": {"headwear": ["hat"], "outerwear": ["outerwear"], "top": ["shirt", "t-shirt"], "bottom": ["pants", "dress"], "footwear": ["shoes"]},
              "presence": {"headwear": 0.5, "outerwear": 0.5}
            }
            """;
    /** The bottom: pants 0.48, dress 0.12 of the whole softmax, so 0.8 among the slot's classes. */
    private static final float[] P = {0.1f, 0.1f, 0.1f, 0.1f, 0.48f, 0.12f, 0f};

    @Test
    void aTemperatureSoftensTheStatedConfidenceNotTheAnswer(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), FILE);
        SlotClasses plain = SlotClasses.read(dir, LABELS).orElseThrow();
        assertThat(plain.temperature()).isEqualTo(1.0);
        assertThat(plain.best(GarmentSlot.BOTTOM, P).getValue()).isCloseTo(0.8, within(1e-6));
        // T = 2: sqrt(0.48) / (sqrt(0.48) + sqrt(0.12)) = 2/3.
        SlotClasses warm = plain.withTemperature(2);
        assertThat(warm.best(GarmentSlot.BOTTOM, P).getKey()).isEqualTo("pants");
        assertThat(warm.best(GarmentSlot.BOTTOM, P).getValue()).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(warm.distribution(GarmentSlot.BOTTOM, P)).containsOnlyKeys("pants", "dress");
        assertThat(warm.distribution(GarmentSlot.BOTTOM, P).get("dress")).isCloseTo(1.0 / 3, within(1e-6));
        // The presence of an optional slot still reads the network's own probabilities (its threshold was chosen on them).
        assertThat(warm.score(GarmentSlot.HEADWEAR, P)).isCloseTo(0.1, within(1e-6));
    }

    @Test
    void theChosenTemperatureIsWrittenIntoTheFileAndReadBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), FILE);
        SlotClasses.read(dir, LABELS).orElseThrow().withTemperature(1.8)
                .withPresenceCalibration(Map.of(GarmentSlot.OUTERWEAR, new PresenceCalibration(0.5, -0.25))).writeCalibration(dir);
        assertThat(Files.readString(dir.resolve(SlotClasses.FILE))).isEqualTo(FILE.replace("0.5}\n}",
                "0.5},\n  \"temperature\": 1.8,\n  \"presenceCalibration\": {\"outerwear\": [0.5000, -0.2500]}\n}"));
        SlotClasses.read(dir, LABELS).orElseThrow().withTemperature(1.3).withPresence(Map.of(GarmentSlot.HEADWEAR, 0.2)).writeCalibration(dir);
        SlotClasses again = SlotClasses.read(dir, LABELS).orElseThrow();
        assertThat(again.temperature()).isEqualTo(1.3);
        assertThat(again.presenceCalibration()).containsEntry(GarmentSlot.OUTERWEAR, new PresenceCalibration(0.5, -0.25));
        assertThat(again.presenceThreshold(GarmentSlot.HEADWEAR)).isEqualTo(0.5); // only the calibration was written
    }

    @Test
    void anUnusableTemperatureIsOneSentence(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), FILE.replace("0.5}\n}", "0.5}, \"temperature\": 0\n}"));
        assertThatThrownBy(() -> SlotClasses.read(dir, LABELS)).isInstanceOf(UserException.class)
                .hasMessage(dir.resolve(SlotClasses.FILE) + " gives a temperature of 0; it must lie between 0.25 and 10.0 (1: the network's own confidences).");
    }
}
