package org.vestis.ablation;

import org.vestis.ParentWatch;
import org.vestis.nn.dnnl.OpenBlasThreads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs `vestis train` for one grid cell in its own JVM: a run that crashes, runs out of memory or is killed
 * cannot take the grid down, and each run starts from the same clean native state (fair timings).
 */
final class TrainProcess {
    private TrainProcess() {
    }

    /** Runs the command with output to {@code log}; returns null on success, else the error in one sentence. */
    static String run(List<String> vestisArguments, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Same heap and native-memory limits as this JVM (the launcher's settings), minus debugger agents.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-D"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.vestis.cli.VestisCommand");
        command.addAll(vestisArguments);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putIfAbsent(OpenBlasThreads.TIMEOUT_VARIABLE, OpenBlasThreads.TIMEOUT);
        builder.environment().put(ParentWatch.VARIABLE, Long.toString(ProcessHandle.current().pid())); // dies with us
        Process p = builder.start();
        try {
            int code = p.waitFor();
            return code == 0 ? null : errorFrom(log, code);
        } finally {
            p.destroy(); // interrupted (Ctrl-C): do not leave a training JVM behind
        }
    }

    /** The child's own one-sentence error ("vestis: ...") if it printed one, else its last line. */
    private static String errorFrom(Path log, int code) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String message = lines.stream().filter(l -> l.startsWith("vestis: ")).reduce((a, b) -> b)
                .map(l -> l.substring("vestis: ".length()))
                .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
        return "exit code " + code + ": " + message;
    }
}
