package org.vestis.serve.retrain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingChildTest {
    @Test
    void turnsTheTrainingOutputIntoProgressOverTheWholeJob(@TempDir Path tmp) {
        TrainingChild child = new TrainingChild(List.of(), tmp.resolve("train.log"), 20);
        List<Double> progress = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        TrainingChild.Listener l = (f, m) -> {
            progress.add(f);
            messages.add(m);
        };
        child.read("Training mobilenetv2-1.0-224 (...) on 15 photos of 3 classes (validation 3, test 3) from /x", l);
        child.read("backbone features 15/15 photos (2.0 img/s)", l);   // the training photos
        child.read("backbone features 3/3 photos (2.1 img/s)", l);     // validation
        child.read("backbone features 2/2 photos (2.1 img/s)", l);     // held out
        child.read("epoch 1/2   0% [                ]  0/15 img", l);  // the progress bar: no line of its own
        child.read("epoch 1/2  loss 0.9  acc 60.00%  val_loss 0.8  val_acc 66.67%  lr 0.00100  1s (15 img/s)  *best", l);
        child.read("epoch 2/2  loss 0.5  acc 80.00%  val_loss 0.6  val_acc 100.00%  lr 0.00100  1s (15 img/s)  *best", l);

        assertThat(progress).hasSize(5).isSorted();
        assertThat(progress.get(0)).isCloseTo(0.05 + 0.55 * 15 / 20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(progress.get(2)).isCloseTo(TrainingChild.EPOCHS_FROM, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(progress.get(4)).isCloseTo(TrainingChild.EPOCHS_TO, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(messages.get(1)).isEqualTo("Reading the photos through the network: 18 of 20 photo views.");
        assertThat(messages.get(3)).isEqualTo("Epoch 1 of at most 2 done (validation accuracy 66.67%).");
    }

    @Test
    void aRefusedTrainingEndsWithItsOwnSentenceAndTheOutputIsLogged(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("job/train.log");
        TrainingChild child = new TrainingChild(List.of("train", "--images", tmp.resolve("missing").toString(),
                "--out", tmp.resolve("out").toString()), log, 1);

        String failure = child.run((f, m) -> { });

        assertThat(failure).startsWith("Training refused: Image dataset ").contains("does not exist");
        assertThat(Files.readString(log)).contains("org.vestis.cli.VestisCommand train", "vestis: Image dataset");
    }
}
