package org.vestis.cli;

import org.vestis.ParentWatch;
import org.vestis.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** The `vestis` entry point: sub-commands, and the rule that user errors are one sentence and exit code 2. */
@Command(name = "vestis", mixinStandardHelpOptions = true, version = "vestis 0.1.0",
        description = {"Clothing recognition with Deeplearning4j: a live window, train, evaluate and predict; analyze videos.",
                "With no command, opens the live window (as `vestis live`)."},
        subcommands = {LiveCommand.class, ServeCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, AnalyzeCommand.class, ImportCommand.class, AblateCommand.class, GarmentsDatasetCommand.class, GarmentsReportCommand.class, GarmentsEvalCommand.class, GarmentsSmoothingCommand.class,
                MakeVideoCommand.class, ScoreVideoCommand.class, ScoreTracksCommand.class, CommandLine.HelpCommand.class})
public final class VestisCommand implements Runnable {
    public static final int USER_ERROR = 2;
    /** The command line as typed, recorded in model bundles as their provenance. */
    static String invocation = "vestis";

    @Option(names = "--verbose", description = "Show the stack trace behind an error message (VESTIS_LOG=debug turns on debug logging).", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out); // not reached in practice: no sub-command means `live` (see execute)
    }

    public static void main(String[] args) {
        ParentWatch.startIfAsked();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        // JavaCPP's warnings through SLF4J, so logback.xml decides what shows (see Hdf5VersionWarningFilter).
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        invocation = "./vestis " + String.join(" ", List.of(args));
        boolean verbose = List.of(args).contains("--verbose");
        CommandLine cli = new CommandLine(new VestisCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable userError = findUserError(e);
            if (userError != null) {
                commandLine.getErr().println("vestis: " + userError.getMessage());
                if (verbose) {
                    e.printStackTrace(commandLine.getErr());
                }
                return USER_ERROR;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            String typo = MistypedOptions.hint(e.getCommandLine(), a);
            e.getCommandLine().getErr().println("vestis: " + (typo != null ? typo : e.getMessage() + " (see --help)") + ".");
            return USER_ERROR;
        });
        List<String> command = new java.util.ArrayList<>(List.of(args));
        if (opensWindow(args)) {
            // No sub-command: the desktop window with its defaults (options such as --verbose still apply).
            command.add(0, "live");
        }
        try {
            return cli.execute(command.toArray(new String[0]));
        } catch (LinkageError e) {
            if (!backendMissing(e)) {
                throw e;
            }
            cli.getErr().println("vestis: ND4J could not load its backend (a -Pcuda build needs CUDA 11.6, cuDNN 8.3 and an "
                    + "NVIDIA GPU; build without -Pcuda to run on the CPU).");
            if (verbose) {
                e.printStackTrace(cli.getErr());
            }
            return USER_ERROR;
        }
    }

    /** Whether {@code e} comes from ND4J finding no backend it can load (a CUDA build without CUDA, say). */
    static boolean backendMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.nd4j.linalg.factory.Nd4jBackend.NoAvailableBackendException) {
                return true;
            }
        }
        return false;
    }

    /** True when no argument names a command or asks for help or the version. */
    static boolean opensWindow(String... args) {
        for (String a : args) {
            if (!a.equals("--verbose")) {
                return false;
            }
        }
        return true;
    }

    private static Throwable findUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserException) {
                return t;
            }
        }
        return null;
    }
}
