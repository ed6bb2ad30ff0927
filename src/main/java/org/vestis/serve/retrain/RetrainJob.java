package org.vestis.serve.retrain;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.io.Json;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.photos.PhotoStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One retrain: export the reviewed items (DATA/retrain/job-N/images), fine-tune the serving bundle on them in a
 * child process ({@link TrainingChild}, output DATA/bundles/NAME), compare the new bundle with the serving one on the
 * held-out items, and register it with its parent and data, not serving. Each step's failure ends the job with one
 * sentence; nothing is registered then.
 */
final class RetrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final long id;
    private final ServingBundles.Bundle parent;
    private final Path dataDir;
    private final Jdbi jdbi;
    private final ServingBundles bundles;
    private final PhotoStore store;
    private final JobRecords jobs;
    private final RetrainSettings settings;
    private volatile TrainingChild child;
    private volatile boolean stopped;

    RetrainJob(long id, ServingBundles.Bundle parent, Path dataDir, Jdbi jdbi, ServingBundles bundles, PhotoStore store,
               JobRecords jobs, RetrainSettings settings) {
        this.id = id;
        this.parent = parent;
        this.dataDir = dataDir;
        this.jdbi = jdbi;
        this.bundles = bundles;
        this.store = store;
        this.jobs = jobs;
        this.settings = settings;
    }

    long id() {
        return id;
    }

    void run() {
        long start = System.nanoTime();
        try {
            String failure = work();
            if (failure != null) {
                jobs.failed(id, failure);
            }
        } catch (Exception | LinkageError e) {
            LOG.warn("Retrain job {} failed", id, e);
            jobs.failed(id, "It failed: " + oneLine(e) + ".");
        } finally {
            LOG.info("Retrain job {} ended after {} s", id, Math.round((System.nanoTime() - start) / 1e9));
        }
    }

    /** The steps; returns null when the bundle is registered, else why not. */
    private String work() throws IOException, InterruptedException {
        Path dir = dataDir.resolve("retrain").resolve("job-" + id);
        ModelBundle.deleteRecursively(dir); // a job id is new, but a reset database reuses ids
        Path images = Files.createDirectories(dir).resolve("images");
        List<ReviewedItemsExport.Item> items = ReviewedItemsExport.reviewedItems(jdbi);
        ReviewedItemsExport.Plan plan = ReviewedItemsExport.plan(items, settings.minPerClass());
        if (plan.classes().size() < 2) {
            return "Retraining needs at least " + settings.minPerClass() + " reviewed items in each of at least 2 classes.";
        }
        jobs.progress(id, 0.01, "Exporting " + plan.items() + " reviewed items.");
        ReviewedItemsExport.write(plan, store, images);

        ModelInfo parentInfo = Json.MAPPER.readValue(Path.of(parent.path(), ModelBundle.INFO_FILE).toFile(), ModelInfo.class);
        Path out = dataDir.resolve("bundles").resolve("retrained-" + id + "-" + LocalDateTime.now().format(STAMP)).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("train", "--images", images.toAbsolutePath().toString(),
                "--backbone", parentInfo.backbone(), "--init", "pretrained:" + parent.path(), "--freeze-up-to", "all",
                "--epochs", Integer.toString(settings.epochs()), "--max-minutes", Double.toString(settings.maxMinutes()),
                "--augment-copies", Integer.toString(settings.augmentCopies()), "--batch-size", "32", "--patience", "6",
                "--seed", "42", "--out", out.toString()));
        int views = plan.train() * (1 + settings.augmentCopies())
                + (plan.validation() + plan.heldOut().size()) * (settings.augmentCopies() > 0 ? 2 : 1);
        jobs.progress(id, TrainingChild.FEATURES_FROM, "Starting the training.");
        TrainingChild run = new TrainingChild(args, dir.resolve("train.log"), views);
        child = run;
        if (stopped) {
            return JobRecords.STOPPED_WITH_SERVER;
        }
        String failure = run.run((fraction, message) -> jobs.progress(id, fraction, message));
        if (failure != null) {
            return failure;
        }

        jobs.progress(id, TrainingChild.EPOCHS_TO, "Comparing the new bundle with " + parent.name() + " on "
                + plan.heldOut().size() + " held-out items.");
        BundleComparison.Result comparison = BundleComparison.compare(out, parent.id(), parent.name(), Path.of(parent.path()),
                plan.heldOut(), store);
        ServingBundles.Bundle made = bundles.register(out, parent.id(), dataNote(plan), false);
        BundleComparison.store(jdbi, made.id(), comparison);
        jobs.done(id, made.id(), String.format(Locale.ROOT, "Done: %s, top-1 on %d held-out items %s against %s for %s.",
                made.name(), comparison.heldOut(), pct(comparison.newTop1()), pct(comparison.servingTop1()), parent.name()));
        return null;
    }

    /** What the bundle was trained on, as the bundles table keeps it. */
    private String dataNote(ReviewedItemsExport.Plan plan) {
        String note = String.format(Locale.ROOT, "Retrain job %d from %s: %d reviewed items of %d classes (%s); %d trained, "
                        + "%d validation (best epoch), %d held out for the comparison.%s Head retrained on the parent's backbone, "
                        + "at most %d epoch(s), %d augmented cop(ies) per photo.",
                id, parent.name(), plan.items(), plan.classes().size(), plan.perClass(), plan.train(), plan.validation(),
                plan.heldOut().size(), plan.leftOut().isEmpty() ? ""
                        : " Left out (fewer than " + settings.minPerClass() + " reviewed): " + leftOut(plan) + "; this bundle does not know them.",
                settings.epochs(), settings.augmentCopies());
        return note.length() <= 1000 ? note : note.substring(0, 999) + "…";
    }

    private static String leftOut(ReviewedItemsExport.Plan plan) {
        return String.join(", ", plan.leftOut().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse("").strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** The server stops: kill the training if it runs. */
    void stop() {
        stopped = true;
        TrainingChild c = child;
        if (c != null) {
            c.kill();
        }
    }
}
