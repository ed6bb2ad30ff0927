package org.vestis.serve.retrain;

import org.vestis.ParentWatch;
import org.vestis.nn.dnnl.OpenBlasThreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `vestis train` in its own JVM (same java, classpath, heap and native-memory limits as the server): a training run
 * that crashes or runs out of memory cannot take the shop down, and stopping it is killing a process. Its output
 * goes to a log file and is read line by line for progress: the backbone pass over every photo view first, then the
 * epochs. The child dies with the server ({@link ParentWatch}).
 */
final class TrainingChild {
    private static final Pattern FEATURES = Pattern.compile("backbone features (\\d+)/(\\d+) photos");
    private static final Pattern EPOCH = Pattern.compile("epoch (\\d+)/(\\d+)\\s+loss .*val_acc ([0-9.]+)%");
    /** Shares of the job's progress bar: export before, comparison after. */
    static final double FEATURES_FROM = 0.05;
    static final double EPOCHS_FROM = 0.6;
    static final double EPOCHS_TO = 0.95;

    /** Told of progress (0 to 1 over the whole job) with a line for the page. */
    interface Listener {
        void progress(double fraction, String message);
    }

    private final List<String> arguments;
    private final Path log;
    private final int expectedViews;
    private volatile Process process;
    private volatile boolean killed;
    private final Deque<String> lastLines = new ArrayDeque<>();

    // Progress of the backbone pass, summed over its passes (train, each augmented copy, validation, test, mirrors).
    private int viewsBefore;
    private int lastDone;
    private int lastTotal = -1;

    /**
     * @param arguments     the arguments of `vestis train`
     * @param expectedViews how many photo views the backbone pass will compute (for its share of the progress)
     */
    TrainingChild(List<String> arguments, Path log, int expectedViews) {
        this.arguments = List.copyOf(arguments);
        this.log = log;
        this.expectedViews = Math.max(1, expectedViews);
    }

    /** Runs it to the end; returns null on success, else what went wrong in one sentence. */
    String run(Listener listener) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().putIfAbsent(OpenBlasThreads.TIMEOUT_VARIABLE, OpenBlasThreads.TIMEOUT);
        builder.environment().put(ParentWatch.VARIABLE, Long.toString(ProcessHandle.current().pid()));
        Files.createDirectories(log.getParent());
        try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            out.write(String.join(" ", command()) + "\n");
            process = builder.start();
            if (killed) {
                process.destroy();
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    read(line.strip(), listener);
                }
            }
            int code = process.waitFor();
            if (killed) {
                return "It was stopped.";
            }
            return code == 0 ? null : failure(code);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly(); // interrupted: leave no training JVM behind
            }
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The launcher's (or the test's) heap and native-memory limits; debugger agents stay behind.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-D"))
                .forEach(command::add);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.vestis.cli.VestisCommand");
        command.addAll(arguments);
        return command;
    }

    /** Turns one output line into progress. */
    void read(String line, Listener listener) {
        if (line.isEmpty()) {
            return;
        }
        synchronized (lastLines) {
            lastLines.addLast(line);
            while (lastLines.size() > 40) {
                lastLines.removeFirst();
            }
        }
        Matcher f = FEATURES.matcher(line);
        if (f.find()) {
            int done = Integer.parseInt(f.group(1));
            int total = Integer.parseInt(f.group(2));
            if (total != lastTotal || done < lastDone) {
                viewsBefore += lastDone; // a new pass began
                lastTotal = total;
            }
            lastDone = done;
            int views = Math.min(expectedViews, viewsBefore + done);
            listener.progress(FEATURES_FROM + (EPOCHS_FROM - FEATURES_FROM) * views / expectedViews,
                    String.format(Locale.ROOT, "Reading the photos through the network: %d of %d photo views.", views, expectedViews));
            return;
        }
        Matcher e = EPOCH.matcher(line);
        if (e.find()) {
            int epoch = Integer.parseInt(e.group(1));
            int epochs = Integer.parseInt(e.group(2));
            listener.progress(EPOCHS_FROM + (EPOCHS_TO - EPOCHS_FROM) * epoch / epochs,
                    String.format(Locale.ROOT, "Epoch %d of at most %d done (validation accuracy %s%%).", epoch, epochs, e.group(3)));
        }
    }

    /** The child's own one-sentence error ("vestis: ...") if it printed one, else a sentence naming the log. */
    private String failure(int code) {
        List<String> lines;
        synchronized (lastLines) {
            lines = List.copyOf(lastLines);
        }
        if (lines.stream().anyMatch(l -> l.contains("OutOfMemoryError") || l.contains("Cannot allocate"))) {
            return "Training ran out of memory (exit code " + code + "); give the server more with VESTIS_JAVA_OPTS, or retrain with fewer photos.";
        }
        return lines.stream().filter(l -> l.startsWith("vestis: ")).reduce((a, b) -> b)
                .map(l -> "Training refused: " + l.substring("vestis: ".length()))
                .orElse("Training stopped with exit code " + code + "; its output is in " + log + ".");
    }

    /** Stops the run (from another thread): the process is killed, {@link #run} returns "It was stopped." */
    void kill() {
        killed = true;
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
