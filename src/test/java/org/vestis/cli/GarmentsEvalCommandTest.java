package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GarmentsEvalCommandTest extends ConsoleCommandTest {
    static final String MODEL = "models/garments-mobilenetv2";

    @Test
    void badInputIsOneSentenceAndExitCode2(@TempDir Path dir) {
        assertThat(run("garments-eval", "--ccp", dir.resolve("nowhere").toString(), "--model", MODEL)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: CCP folder " + dir.resolve("nowhere") + " does not exist.");
        assertThat(run("garments-eval", "--ccp", dir.toString(), "--model", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: " + dir + " is not a garment model: it has no garments.json.");
        assertThat(run("garments-eval", "--ccp", dir.toString(), "--model", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: The model folder " + dir.resolve("none") + " does not exist.");
        assertThat(run("garments-eval", "--ccp", dir.toString(), "--split", "test", "--choose-presence")).isEqualTo(2);
        assertThat(err.toString()).contains("--choose-presence chooses thresholds on the validation photos");
        assertThat(run("garments-eval", "--ccp", dir.toString(), "--split", "test", "--calibrate")).isEqualTo(2);
        assertThat(err.toString()).contains("--calibrate fits the confidences on the validation photos");
        assertThat(run("garments-eval", "--ccp", dir.toString(), "--split", "train")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: --split train is not validation or test.");
    }

    /** Three validation photos through the real pipeline, thresholds chosen and the report written, into a copy of the bundle. */
    @Test
    @EnabledIfEnvironmentVariable(named = "VESTIS_TEST_DATA", matches = ".+", disabledReason = "set VESTIS_TEST_DATA to the shared data folder (ccp/ and pretrained/)")
    void scoresRealCcpPhotosThroughThePipeline(@TempDir Path dir) throws Exception {
        Path data = Path.of(System.getenv("VESTIS_TEST_DATA"));
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of(MODEL))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        String config = Files.readString(Path.of("configs/garments.yaml"))
                .replace("pipeline:\n", "pipeline:\n  detector-models: " + data.resolve("pretrained").toAbsolutePath() + "\n");
        Path configFile = Files.writeString(dir.resolve("garments.yaml"), config);
        Path json = dir.resolve("eval.json");
        assertThat(run("garments-eval", "--ccp", data.resolve("ccp").toString(), "--model", model.toString(), "--config", configFile.toString(),
                "--split", "validation", "--limit", "3", "--choose-presence", "--calibrate", "--write-report", "--json", json.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("3 validation photos", "top", "bottom", "footwear", "headwear", "outerwear", "Presence thresholds chosen");
        JsonNode doc = Json.MAPPER.readTree(json.toFile());
        assertThat(doc.get("photos").asInt()).isEqualTo(3);
        assertThat(doc.get("perPhoto")).hasSize(3);
        assertThat(doc.get("classSlots")).hasSize(3);
        assertThat(doc.get("presenceSlots")).hasSize(2);
        assertThat(doc.get("colourSlots")).hasSize(5);
        assertThat(out.toString()).contains("colour agreement").contains("Temperature chosen for the lowest Brier score");
        double temperature = Json.MAPPER.readTree(model.resolve("garments.json").toFile()).get("temperature").asDouble();
        assertThat(temperature).isBetween(0.5, 4.0);
        assertThat(doc.get("temperature").asDouble()).isEqualTo(temperature);
        JsonNode bottom = doc.get("confidence").get(1);
        assertThat(bottom.get("slot").asText()).isEqualTo("bottom");
        assertThat(bottom.get("confidence").asDouble()).isBetween(0.25, 1.0); // four classes: never under a quarter
        assertThat(bottom.get("brier").asDouble()).isBetween(0.0, 2.0);
        assertThat(doc.get("confidence")).hasSize(7); // top, bottom, footwear; headwear and outerwear said worn and said none
        assertThat(doc.get("confidence").get(3).get("slot").asText()).isEqualTo("headwear (said worn)");
        assertThat(Json.MAPPER.readTree(model.resolve("garments.json").toFile()).get("presenceCalibration").get("outerwear")).hasSize(2);
        // What was seen: the person's parts with a probability per class of the model, summing to 1, and the colours.
        JsonNode seen = doc.get("seen").get(0);
        assertThat(seen.get("id").asText()).isEqualTo(doc.get("perPhoto").get(0).get("id").asText());
        assertThat(seen.get("regions").asText()).isEqualTo("landmarks");
        JsonNode torso = seen.get("probabilities").get("torso");
        assertThat(torso).hasSize(13);
        double sum = 0;
        for (JsonNode p : torso) {
            sum += p.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(seen.get("colours").get("bottom").asText()).isNotBlank();
        assertThat(Json.MAPPER.readTree(model.resolve("pipeline-metrics.json").toFile()).has("seen")).isFalse();
        JsonNode presence = Json.MAPPER.readTree(model.resolve("garments.json").toFile()).get("presence");
        for (String slot : new String[]{"headwear", "outerwear"}) {
            assertThat(presence.get(slot).asDouble()).isStrictlyBetween(0.0, 1.0);
        }
        assertThat(Files.readString(model.resolve("report.md"))).contains("## Garment slots (test split)", GarmentsEvalCommand.SECTION);
        assertThat(model.resolve("pipeline-metrics.json")).exists();
    }
}
