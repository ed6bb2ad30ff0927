package org.vestis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.GarmentSlot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `vestis predict` with the garment model: every person of a photo with the five slots, on screen and in the CSV. */
class PredictGarmentsTest extends ConsoleCommandTest {
    private static final String PHOTO = "src/test/resources/people/walking-frame25.jpg";

    @Test
    void printsEachPersonWithFiveSlotsAndWritesARowPerPerson(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("people.csv");
        assertThat(run("predict", "models/garments-regions", PHOTO, "--csv", csv.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(PHOTO + ": person 1 at ").contains(PHOTO + ": person 2 at ");
        for (GarmentSlot slot : GarmentSlot.values()) {
            assertThat(printed).contains(slot.label() + ": ");
        }
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0) + "\n").isEqualTo(GarmentPhotoPredictor.CSV_HEADER);
        assertThat(rows).hasSize(3);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(7 + 3 * GarmentSlot.values().length);
            assertThat(cells[6]).isEqualTo("landmarks");
        }
    }

    @Test
    void aPhotoWithoutPeopleSaysSo(@TempDir Path dir) {
        assertThat(run("predict", "models/garments-regions", "src/test/resources/photos/shoes.jpg")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("shoes.jpg: no person found");
    }
}
