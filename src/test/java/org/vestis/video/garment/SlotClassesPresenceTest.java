package org.vestis.video.garment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.GarmentSlot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlotClassesPresenceTest {
    private static final List<String> LABELS = List.of("hat", "outerwear", "shirt", "pants", "shoes");
    private static final String FILE = """
            {
              "slots": {"headwear": ["hat"], "outerwear": ["outerwear"], "top": ["shirt"], "bottom": ["pants"], "footwear": ["shoes"]},
              "presence": {"headwear": 0.5, "outerwear": 0.5}
            }
            """;

    @Test
    void chosenThresholdsReplaceThePresenceObjectAndNothingElse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), FILE);
        SlotClasses classes = SlotClasses.read(dir, LABELS).orElseThrow();
        SlotClasses chosen = classes.withPresence(Map.of(GarmentSlot.HEADWEAR, 0.56));
        assertThat(chosen.presenceThreshold(GarmentSlot.OUTERWEAR)).isEqualTo(0.5);
        chosen.withPresence(Map.of(GarmentSlot.OUTERWEAR, 0.1)).writePresence(dir);
        assertThat(Files.readString(dir.resolve(SlotClasses.FILE)))
                .isEqualTo(FILE.replace("\"presence\": {\"headwear\": 0.5, \"outerwear\": 0.5}", "\"presence\": {\"headwear\": 0.56, \"outerwear\": 0.1}"));
        SlotClasses again = SlotClasses.read(dir, LABELS).orElseThrow();
        assertThat(again.presenceThreshold(GarmentSlot.HEADWEAR)).isEqualTo(0.56);
        assertThat(again.presenceThreshold(GarmentSlot.OUTERWEAR)).isEqualTo(0.1);
    }

    @Test
    void aFileWithoutPresenceGetsOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SlotClasses.FILE), FILE.replace(",\n  \"presence\": {\"headwear\": 0.5, \"outerwear\": 0.5}", ""));
        SlotClasses.read(dir, LABELS).orElseThrow().withPresence(Map.of(GarmentSlot.HEADWEAR, 0.3)).writePresence(dir);
        SlotClasses again = SlotClasses.read(dir, LABELS).orElseThrow();
        assertThat(again.presenceThreshold(GarmentSlot.HEADWEAR)).isEqualTo(0.3);
        assertThat(again.presenceThreshold(GarmentSlot.OUTERWEAR)).isEqualTo(SlotClasses.DEFAULT_PRESENCE);
    }
}
