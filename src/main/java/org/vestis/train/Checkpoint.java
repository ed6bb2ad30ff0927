package org.vestis.train;

import org.vestis.UserException;
import org.vestis.io.Json;
import org.vestis.io.OutputFiles;
import org.vestis.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's checkpoint folder: after every epoch the network with its optimiser state (last.zip) and the
 * {@link TrainingState} (state.json), and the best epoch's network (best.zip), each replaced atomically. It lets
 * {@code --resume} continue after a crash or Ctrl-C, and is where the best epoch comes back from at the end.
 */
final class Checkpoint {
    private static final String LAST = "last.zip";
    private static final String BEST = "best.zip";
    private static final String STATE = "state.json";

    private final Path dir;

    Checkpoint(Path dir) {
        this.dir = dir;
    }

    /** The checkpoint of the bundle {@code out}: beside it, hidden (models/.NAME.checkpoint). */
    static Checkpoint beside(String out) {
        Path bundle = Path.of(out).toAbsolutePath();
        return new Checkpoint(bundle.resolveSibling("." + bundle.getFileName() + ".checkpoint"));
    }

    Path dir() {
        return dir;
    }

    /**
     * The state to start from: resuming, the saved one, after checking that it continues the same network
     * ({@code option} names the flag that chose it); otherwise a fresh one, and any old checkpoint is deleted.
     */
    TrainingState open(boolean resume, String network, String option) throws IOException {
        if (!resume) {
            ModelBundle.deleteRecursively(dir);
            TrainingState state = new TrainingState();
            state.architecture = network;
            return state;
        }
        if (!Files.isRegularFile(dir.resolve(LAST)) || !Files.isRegularFile(dir.resolve(STATE))) {
            throw new UserException("There is no checkpoint to resume in " + dir + "; run the same command without --resume.");
        }
        TrainingState state = read(() -> Json.MAPPER.readValue(dir.resolve(STATE).toFile(), TrainingState.class));
        // Continuing one network under another's name would write a bundle that says what it is not.
        if (state.architecture != null && !state.architecture.equals(network)) {
            throw new UserException("The checkpoint in " + dir + " is a " + state.architecture + " run; resume it with " + option + " "
                    + state.architecture + ", or run without --resume to train a " + network + " from the start.");
        }
        return state;
    }

    /** The last epoch's network, ready to train on (Fashion-MNIST: the checkpoint is the network). */
    TrainableNetwork restoreLast() {
        return read(() -> TrainableNetwork.restore(dir.resolve(LAST), true));
    }

    /** The last epoch's weights and optimiser state into {@code net} (photos: the network is rebuilt, then filled). */
    void loadLast(TrainableNetwork net) {
        read(() -> {
            net.load(dir.resolve(LAST), true);
            return net;
        });
    }

    /** The best epoch's network, for inference. */
    TrainableNetwork restoreBest() throws IOException {
        return TrainableNetwork.restore(dir.resolve(BEST), false);
    }

    /** The best epoch's weights into {@code net}. */
    void loadBest(TrainableNetwork net) throws IOException {
        net.load(dir.resolve(BEST), false);
    }

    /** Saves {@code net} and {@code state} after every epoch. */
    TrainingListener writer(TrainableNetwork net, TrainingState state) throws IOException {
        Files.createDirectories(dir);
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochStats stats, boolean improved) throws IOException {
                if (improved) {
                    writeAtomically(net, BEST, false);
                }
                writeAtomically(net, LAST, true);
                Path tmp = dir.resolve(STATE + ".tmp");
                Json.MAPPER.writeValue(tmp.toFile(), state);
                OutputFiles.publish(tmp, dir.resolve(STATE));
            }
        };
    }

    /** Once the bundle is written the checkpoint has served its purpose. */
    void delete() throws IOException {
        ModelBundle.deleteRecursively(dir);
    }

    private void writeAtomically(TrainableNetwork net, String name, boolean withUpdater) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        net.save(tmp, withUpdater);
        OutputFiles.publish(tmp, dir.resolve(name));
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private <T> T read(Reading<T> reading) {
        try {
            return reading.read();
        } catch (IOException | RuntimeException e) {
            throw new UserException("The checkpoint in " + dir + " cannot be read (" + e.getMessage()
                    + "); run the same command without --resume to start again.", e);
        }
    }
}
