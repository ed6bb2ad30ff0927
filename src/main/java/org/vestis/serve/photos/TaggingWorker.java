package org.vestis.serve.photos;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tags queued photos on one background thread, oldest first. The queue is the photos table itself, so photos
 * uploaded before a crash or restart are tagged when the server starts again; {@link PhotoRecords#saveTags} makes
 * sure each is tagged once.
 */
public final class TaggingWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaggingWorker.class);

    private final PhotoRecords photos;
    private final PhotoStore store;
    private final Supplier<ServingTagger> tagger;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    /** The tagger to use now and the bundle row it stands for (null when the bundle is not in the database). */
    public record ServingTagger(PhotoTagger tagger, Long bundleId) {
    }

    public TaggingWorker(PhotoRecords photos, PhotoStore store, Supplier<ServingTagger> tagger) {
        this.photos = photos;
        this.store = store;
        this.tagger = tagger;
        this.thread = new Thread(this::run, "vestis-tagging");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Says new photos wait; the worker also looks every few seconds by itself. */
    public void wake() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                List<PhotoRecords.Photo> batch = photos.queued(16);
                if (batch.isEmpty()) {
                    wake.tryAcquire(2, TimeUnit.SECONDS);
                    wake.drainPermits();
                    continue;
                }
                for (PhotoRecords.Photo p : batch) {
                    if (!running) {
                        return;
                    }
                    tagOne(p);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Tagging paused after an error: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void tagOne(PhotoRecords.Photo p) {
        ServingTagger serving = tagger.get();
        try {
            photos.saveTags(p.id(), serving.bundleId(), serving.tagger().tag(store.path(p.sha256())));
        } catch (RuntimeException e) {
            LOG.warn("Photo {} could not be tagged: {}", p.id(), e.toString());
            photos.markFailed(p.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        wake.release();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
