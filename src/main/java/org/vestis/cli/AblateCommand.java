package org.vestis.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vestis.ablation.AblationPlan;
import org.vestis.ablation.AblationRunner;
import org.vestis.ablation.GridRun;
import org.vestis.ablation.RunResult;
import org.vestis.io.OutputFiles;
import org.vestis.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** `vestis ablate configs/ablation-NAME.yaml`: a grid of training runs, then results, report and charts. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Run a grid of training runs (backbone x init x learning rate x seed ...) and write a report with charts.")
final class AblateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAN", description = "Ablation plan (YAML), e.g. configs/ablation-fashion-mnist.yaml.")
    Path planFile;
    @Option(names = "--report-dir", defaultValue = "benchmarks/ablations", description = "Reports go to DIR/NAME (default: ${DEFAULT-VALUE}).")
    Path reportRoot;
    @Option(names = "--models-dir", defaultValue = "models/ablations", description = "Each run's bundle goes to DIR/NAME/RUN (default: ${DEFAULT-VALUE}).")
    Path modelsRoot;

    @Override
    public Integer call() throws Exception {
        AblationPlan plan = AblationPlan.load(planFile);
        checkBeforeTheFirstRun(plan, planFile);
        Path reportDir = reportRoot.resolve(plan.name());
        // Before any run trains: a report folder that cannot be written would otherwise fail only after the first run.
        OutputFiles.requireWritableFolder(reportDir, "--report-dir");
        OutputFiles.requireWritableFolder(modelsRoot.resolve(plan.name()), "--models-dir");
        int total = plan.runs().size();
        System.out.printf(Locale.ROOT, "Ablation %s: %d runs; report in %s%n", plan.name(), total, reportDir);
        List<RunResult> results;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(plan.name()).setInitialMax(total).setUnit(" runs", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build()) {
            results = new AblationRunner(plan, reportDir, modelsRoot.resolve(plan.name())).run(new AblationRunner.Listener() {
                @Override
                public void starting(GridRun run, int index, int of) {
                    bar.stepTo(index - 1);
                    bar.setExtraMessage(" " + run.id());
                }

                @Override
                public void finished(RunResult r) {
                    bar.step();
                    bar.setExtraMessage(r.ok() ? String.format(Locale.ROOT, " %s: test top-1 %.2f%%", r.id(), 100 * r.testTop1())
                            : " " + r.id() + " failed");
                }
            });
            bar.stepTo(total);
        }
        long failed = results.stream().filter(r -> !r.ok()).count();
        for (RunResult r : results) {
            System.out.println(r.ok() ? String.format(Locale.ROOT, "  %-60s test top-1 %.2f%%  (%d epochs, %.1f min)", r.id(), 100 * r.testTop1(), r.epochs(), r.trainingMinutes())
                    : String.format(Locale.ROOT, "  %-60s FAILED: %s", r.id(), r.error()));
        }
        System.out.println("Report: " + reportDir.resolve("report.md") + (failed > 0 ? " (" + failed + " runs failed; run the same command again to retry them)" : ""));
        if (failed == results.size() && failed > 0) {
            System.err.println("vestis: every run of " + plan.name() + " failed; their errors are listed above.");
            return 1;
        }
        return 0;
    }

    /**
     * What would make every run fail, found before the first one trains: a plan key that is no `vestis train` flag
     * (a typo such as "architecure"), or a base config that does not exist.
     */
    static void checkBeforeTheFirstRun(AblationPlan plan, Path planFile) {
        Set<String> flags = new CommandLine(new TrainCommand()).getCommandSpec().optionsMap().keySet();
        List<String> keys = new ArrayList<>(plan.train().keySet());
        keys.addAll(plan.grid().keySet());
        for (String key : keys) {
            if (!flags.contains("--" + key)) {
                String meant = MistypedOptions.closest(flags, "--" + key);
                throw new UserException("'" + key + "' in " + planFile + " is not a 'vestis train' option"
                        + (meant != null ? "; did you mean '" + meant.substring(2) + "'?" : "") + " (see vestis train --help).");
            }
        }
        if (!Files.isRegularFile(plan.config())) {
            throw new UserException("The base config " + plan.config() + " named by " + planFile + " does not exist; check its 'config:' key.");
        }
    }
}
