package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.data.PhotoFixtures;
import org.vestis.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** `vestis train --images` (image folders and DeepFashion) then `vestis evaluate --images`, as a user runs them. */
class TransferCliTest extends ConsoleCommandTest {

    @Test
    void trainOnImageFoldersThenEvaluateOnAFolder(@TempDir Path dir) throws Exception {
        Path pretrained = PhotoFixtures.importV1(dir);
        Path model = dir.resolve("clothing-v1");
        // A dataset with a garments.json (as garments-dataset writes one) makes a garment model: train copies it.
        Path images = dir.resolve("clothing-photos");
        try (Stream<Path> files = Files.walk(PhotoFixtures.CLOTHING)) {
            for (Path f : files.toList()) {
                Path target = images.resolve(PhotoFixtures.CLOTHING.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        String slots = "{\"slots\": {\"top\": [\"t-shirt\"]}}\n";
        Files.writeString(images.resolve("garments.json"), slots);
        assertThat(run("train", "--images", images.toString(), "--backbone", "mobilenetv1-0.25-128",
                "--init", "pretrained:" + pretrained, "--out", model.toString(), "--epochs", "4", "--batch-size", "8",
                "--learning-rate", "0.01", "--test-fraction", "0.34")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Training mobilenetv1-0.25-128 (pretrained:" + pretrained + ", frozen up to all) on 16 photos of 4 classes (validation 8, test 8)")
                .contains("backbone features 16/16 photos").contains("validation top-1").contains("test top-1")
                .contains("Garment slots copied from " + images.resolve("garments.json"));
        assertThat(Json.MAPPER.readTree(model.resolve("model.json").toFile()).get("dataset").asText()).isEqualTo("clothing-photos");
        assertThat(Files.readString(model.resolve("garments.json"))).isEqualTo(slots);

        assertThat(run("evaluate", model.toString(), "--images", PhotoFixtures.CLOTHING.resolve("validation").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("on 8 photos in").contains("top-1").contains("top-3").contains("confusion matrix")
                .contains(" 4 t-shirt");
        assertThat(run("evaluate", model.toString(), "--images", PhotoFixtures.CLOTHING.resolve("validation").toString(), "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("images").asInt()).isEqualTo(8);
        assertThat(json.get("confusion")).hasSize(4);
    }

    @Test
    void fineTuningTheLastBlockFollowsTheCosineSchedule(@TempDir Path dir) throws Exception {
        // DL4J's setLearningRate failed here from epoch 2 (a NullPointerException rebuilding the optimiser's state).
        Path pretrained = PhotoFixtures.importV1(dir);
        Path model = dir.resolve("tuned");
        assertThat(run("train", "--images", PhotoFixtures.CLOTHING.toString(), "--backbone", "mobilenetv1-0.25-128",
                "--init", "pretrained:" + pretrained, "--freeze-up-to", "last-block", "--schedule", "cosine", "--out", model.toString(),
                "--epochs", "3", "--patience", "3", "--batch-size", "8", "--learning-rate", "0.01", "--fine-tune-learning-rate", "0.001",
                "--test-fraction", "0.34")).as(err.toString()).isZero();
        JsonNode history = Json.MAPPER.readTree(model.resolve("model.json").toFile()).at("/training/history");
        assertThat(history).hasSize(3);
        // 0.5 (1 + cos(pi (epoch - 1) / 3)): 1, 0.75, 0.25 of the head's rate.
        assertThat(history.get(0).get("learningRate").asDouble()).isCloseTo(0.01, within(1e-9));
        assertThat(history.get(1).get("learningRate").asDouble()).isCloseTo(0.0075, within(1e-9));
        assertThat(history.get(2).get("learningRate").asDouble()).isCloseTo(0.0025, within(1e-9));
    }

    @Test
    void trainOnDeepFashionLayoutSkipsTheDamagedPhoto(@TempDir Path dir) throws Exception {
        Path root = PhotoFixtures.deepFashionCopy(dir.resolve("deepfashion"));
        Path model = dir.resolve("df");
        assertThat(run("train", "--images", root.toString(), "--backbone", "mobilenetv1-0.25-128", "--init", "random",
                "--out", model.toString(), "--epochs", "2", "--batch-size", "8")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("on 25 photos of 4 classes").contains("1 unreadable images skipped");
        JsonNode info = Json.MAPPER.readTree(model.resolve("model.json").toFile());
        assertThat(info.get("labels").toString()).isEqualTo("[\"Jeans\",\"Tee\",\"Dress\",\"Sneakers\"]");
        assertThat(info.get("initialisation").get("kind").asText()).isEqualTo("random");
        assertThat(info.get("training").get("skippedUnreadable").get("train").asInt()).isEqualTo(1);
        assertThat(info.at("/training/trainImages").asInt()).as("readable photos, like validation and test").isEqualTo(24);
        assertThat(info.get("training").get("datasetLayout").asText()).isEqualTo("deepfashion");
        assertThat(info.at("/training/settings/backbone").asText()).isEqualTo("mobilenetv1-0.25-128");
        assertThat(info.at("/training/settings").has("architecture")).as("Fashion-MNIST-only settings are left out").isFalse();
    }

    @Test
    void userErrorsAreOneSentenceWithExitCodeTwo(@TempDir Path dir) throws Exception {
        assertThat(run("train", "--images", dir.resolve("none").toString(), "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vestis: Image dataset " + dir.resolve("none") + " does not exist.");
        assertThat(run("train", "--images", PhotoFixtures.CLOTHING.toString(), "--init", "imagenet", "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("init must be random, pretrained:DIR");
        assertThat(Files.exists(dir.resolve("m"))).isFalse();

        assertThat(run("train", "--images", PhotoFixtures.CLOTHING.toString(), "--init", "random", "--backbone", "mobilenetv1-0.25-128",
                "--test-fraction", "0.01", "--out", dir.resolve("m").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("leaves no test photos").doesNotContain("\tat ");

        // The zoo flags reach the download: nothing listens on port 9, so the message names the mirror's URL and the cache.
        Path zooCache = dir.resolve("zoo");
        assertThat(run("train", "--images", PhotoFixtures.CLOTHING.toString(), "--backbone", "resnet50", "--init", "pretrained:imagenet",
                "--zoo-mirror", "http://127.0.0.1:9/", "--zoo-cache", zooCache.toString(), "--out", dir.resolve("r").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Could not download the ImageNet weights of resnet50 from http://127.0.0.1:9/models/resnet50_dl4j_inference.v3.zip")
                .contains(zooCache.toAbsolutePath().toString()).doesNotContain("\tat ");

        Path unreadable = Files.createDirectories(dir.resolve("broken/" + PhotoFixtures.CLASSES.get(0)));
        Files.writeString(unreadable.resolve("a.jpg"), "not a jpeg");
        assertThat(run("evaluate", "models/clothing-mobilenetv2", "--images", dir.resolve("broken").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("None of the 1 photos").doesNotContain("\tat ");
    }
}
