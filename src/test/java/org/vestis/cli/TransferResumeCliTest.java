package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.config.TrainConfig;
import org.vestis.data.PhotoFixtures;
import org.vestis.data.PhotoSplits;
import org.vestis.io.Json;
import org.vestis.train.EpochStats;
import org.vestis.train.PhotoFeatures;
import org.vestis.train.TrainingProgress;
import org.vestis.train.TransferRun;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** `vestis train --images ... --resume` continues a photo run that died after an epoch, and ends where an uninterrupted run ends. */
class TransferResumeCliTest extends ConsoleCommandTest {

    /** Stands for Ctrl-C: the run dies once an epoch is finished (and checkpointed). */
    private static final class Interrupt extends RuntimeException {
    }

    @Test
    void anInterruptedPhotoRunResumesFromItsCheckpointAndFinishes(@TempDir Path dir) throws Exception {
        Path pretrained = PhotoFixtures.importV1(dir);
        String[] args = {"train", "--images", PhotoFixtures.CLOTHING.toString(), "--backbone", "mobilenetv1-0.25-128",
                "--init", "pretrained:" + pretrained, "--epochs", "3", "--batch-size", "8", "--learning-rate", "0.01",
                "--test-fraction", "0.34", "--augment-copies", "1", "--seed", "5"};

        Path straight = dir.resolve("straight");
        assertThat(run(concat(args, "--out", straight.toString()))).as(err.toString()).isZero();

        Path model = dir.resolve("resumed");
        TrainConfig c = new TrainConfig();
        c.images = PhotoFixtures.CLOTHING.toString();
        c.backbone = "mobilenetv1-0.25-128";
        c.init = "pretrained:" + pretrained;
        c.epochs = 3;
        c.batchSize = 8;
        c.learningRate = 0.01;
        c.testFraction = 0.34;
        c.augmentCopies = 1;
        c.seed = 5;
        c.out = model.toString();
        c.validate("test");
        TrainingProgress dies = new TrainingProgress() {
            @Override
            public void epochFinished(EpochStats stats, boolean improved) {
                throw new Interrupt();
            }
        };
        PhotoSplits splits = PhotoSplits.open(PhotoFixtures.CLOTHING, c.testFraction, c.seed);
        assertThatThrownBy(() -> new TransferRun(c, "clothing-photos", "test").run(splits, dies, PhotoFeatures.Progress.NONE))
                .isInstanceOf(Interrupt.class);
        Path checkpoint = dir.resolve(".resumed.checkpoint");
        assertThat(checkpoint.resolve("last.zip")).isNotEmptyFile();
        assertThat(Files.exists(model)).isFalse();

        // Another network cannot continue this one, and says which can.
        assertThat(run("train", "--images", PhotoFixtures.CLOTHING.toString(), "--backbone", "mobilenetv2-0.35-96", "--init", "random",
                "--test-fraction", "0.34", "--out", model.toString(), "--resume")).isEqualTo(2);
        assertThat(err.toString()).contains("is a mobilenetv1-0.25-128 run; resume it with --backbone mobilenetv1-0.25-128");

        assertThat(run(concat(args, "--out", model.toString(), "--resume"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("epoch 2/3").contains("epoch 3/3").doesNotContain("epoch 1/3").contains("test top-1");
        JsonNode resumed = Json.MAPPER.readTree(model.resolve("model.json").toFile());
        JsonNode uninterrupted = Json.MAPPER.readTree(straight.resolve("model.json").toFile());
        assertThat(resumed.at("/training/epochsRun").asInt()).isEqualTo(3);
        assertThat(resumed.at("/training/history")).hasSize(3);
        assertThat(Files.exists(checkpoint)).as("the checkpoint is gone once the bundle is written").isFalse();
        for (String f : new String[]{"model.zip", "report.md", "training-curves.png", "confusion-matrix.png"}) {
            assertThat(model.resolve(f)).isNotEmptyFile();
        }
        // Same first epoch; the rest continues with the saved optimiser state, so it ends where the straight run ends.
        assertThat(resumed.at("/training/history/0/validationLoss").asDouble())
                .isEqualTo(uninterrupted.at("/training/history/0/validationLoss").asDouble());
        assertThat(resumed.at("/training/history/2/validationLoss").asDouble())
                .isCloseTo(uninterrupted.at("/training/history/2/validationLoss").asDouble(), within(1e-4));
        assertThat(resumed.at("/metrics/top1").asDouble()).isEqualTo(uninterrupted.at("/metrics/top1").asDouble());
    }

    @Test
    void resumingAPhotoRunWithoutACheckpointIsOneSentence(@TempDir Path dir) {
        assertThat(run("train", "--images", PhotoFixtures.CLOTHING.toString(), "--backbone", "mobilenetv1-0.25-128", "--init", "random",
                "--test-fraction", "0.34", "--out", dir.resolve("m").toString(), "--resume")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no checkpoint to resume in").doesNotContain("\tat ");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
