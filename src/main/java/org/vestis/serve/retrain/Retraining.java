package org.vestis.serve.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.auth.User;
import org.vestis.serve.photos.PhotoStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Retraining from reviewed items as a background job, one at a time: a manager starts it, {@link RetrainJob} does
 * it on this service's one thread, the jobs table shows its progress. A job left running by a server that stopped is
 * marked failed when the next one starts; one running when this server stops is killed and marked failed.
 */
public final class Retraining implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retraining.class);

    private final Path dataDir;
    private final Jdbi jdbi;
    private final ServingBundles bundles;
    private final PhotoStore store;
    private final RetrainSettings settings;
    private final JobRecords jobs;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vestis-retrain");
        t.setDaemon(true);
        return t;
    });
    private volatile RetrainJob current;

    /** Refused to start: {@code busy} when a retrain already runs, otherwise the reviewed items do not suffice. */
    public static final class Refused extends RuntimeException {
        private final boolean busy;

        Refused(String message, boolean busy) {
            super(message);
            this.busy = busy;
        }

        public boolean busy() {
            return busy;
        }
    }

    /** What a retrain would have now: reviewed items per verified class, and the classes with enough of them. */
    public record Availability(int reviewed, Map<String, Integer> perClass, List<String> trainable, Map<String, Integer> tooFew,
                               int minPerClass) {
        /** Two classes at least: a classifier of one class says nothing. */
        @JsonProperty
        public boolean ready() {
            return trainable.size() >= 2;
        }

        @JsonProperty
        public int trainableItems() {
            return trainable.stream().mapToInt(perClass::get).sum();
        }
    }

    public Retraining(Path dataDir, Jdbi jdbi, ServingBundles bundles, PhotoStore store, RetrainSettings settings) {
        this.dataDir = dataDir;
        this.jdbi = jdbi;
        this.bundles = bundles;
        this.store = store;
        this.settings = settings;
        this.jobs = new JobRecords(jdbi);
    }

    /** At start-up: a job still marked running was cut off when its server stopped. */
    public int failLeftRunning() {
        int n = jobs.failLeftRunning();
        if (n > 0) {
            LOG.info("{} retrain job(s) were still running when the server last stopped; marked failed.", n);
        }
        return n;
    }

    public RetrainSettings settings() {
        return settings;
    }

    public JobRecords jobs() {
        return jobs;
    }

    public Availability available() {
        List<ReviewedItemsExport.Item> items = ReviewedItemsExport.reviewedItems(jdbi);
        ReviewedItemsExport.Plan plan = ReviewedItemsExport.plan(items, settings.minPerClass());
        return new Availability(items.size(), ReviewedItemsExport.countPerClass(items), plan.labels(), plan.leftOut(),
                settings.minPerClass());
    }

    /** Starts a retrain from the bundle serving now; refused when one runs or the reviewed items do not suffice. */
    public JobRecords.Job start(User manager) {
        Availability a = available();
        if (!a.ready()) {
            throw new Refused("Retraining needs at least " + a.minPerClass() + " reviewed items in each of at least 2 classes; "
                    + (a.trainable().isEmpty() ? "no class has that many yet." : "only " + a.trainable().get(0) + " has.")
                    + " Review more items first.", false);
        }
        ServingBundles.Bundle parent = bundles.servingRow()
                .orElseThrow(() -> new IllegalStateException("No bundle is marked serving."));
        JobRecords.Job job = jobs.startUnlessRunning(JobRecords.RETRAIN, manager.id(), "Waiting to start.")
                .orElseThrow(() -> new Refused("A retrain is already running (job " + jobs.running(JobRecords.RETRAIN)
                        .map(j -> Long.toString(j.id())).orElse("?") + "); wait for it to finish.", true));
        RetrainJob work = new RetrainJob(job.id(), parent, dataDir, jdbi, bundles, store, jobs, settings);
        current = work;
        thread.execute(() -> {
            try {
                work.run();
            } finally {
                current = null;
            }
        });
        return job;
    }

    /** Stops a running retrain (its training process is killed) and marks it failed: the server is stopping. */
    @Override
    public void close() {
        RetrainJob work = current;
        if (work != null) {
            jobs.failed(work.id(), JobRecords.STOPPED_WITH_SERVER);
            work.stop();
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
