package org.vestis.serve;

import org.vestis.serve.auth.Accounts;
import org.vestis.serve.auth.Sessions;
import org.vestis.serve.catalogue.Catalogue;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.messages.Messages;
import org.vestis.serve.photos.PhotoRecords;
import org.vestis.serve.photos.PhotoStore;
import org.vestis.serve.photos.TaggingWorker;
import org.vestis.serve.photos.UploadCheck;
import org.vestis.serve.retrain.RetrainSettings;
import org.vestis.serve.retrain.Retraining;
import org.vestis.serve.review.Reviews;

import java.nio.file.Path;

/**
 * Everything the shop's routes use, opened once: the database, accounts and sessions, the photo files and records,
 * the serving bundles, the tagging worker and retraining. Closing it stops the worker and any retrain.
 */
public final class ShopServices implements AutoCloseable {
    private final Path dataDir;
    private final ShopDatabase database;
    private final Accounts accounts;
    private final Sessions sessions;
    private final PhotoStore store;
    private final PhotoRecords photos;
    private final UploadCheck uploads;
    private final ServingBundles bundles;
    private final TaggingWorker tagging;
    private final Reviews reviews;
    private final Catalogue catalogue;
    private final Messages messages;
    private final Retraining retraining;

    public ShopServices(Path dataDir, ShopDatabase database, ServingBundles bundles, UploadCheck uploads) {
        this(dataDir, database, bundles, uploads, RetrainSettings.DEFAULTS);
    }

    public ShopServices(Path dataDir, ShopDatabase database, ServingBundles bundles, UploadCheck uploads, RetrainSettings retrain) {
        this.dataDir = dataDir;
        this.database = database;
        this.accounts = new Accounts(database.jdbi());
        this.sessions = new Sessions(database.jdbi());
        this.store = new PhotoStore(dataDir);
        this.photos = new PhotoRecords(database.jdbi());
        this.uploads = uploads;
        this.bundles = bundles;
        this.reviews = new Reviews(database.jdbi());
        this.catalogue = new Catalogue(database.jdbi());
        this.messages = new Messages(database.jdbi());
        this.tagging = new TaggingWorker(photos, store, bundles::current);
        this.retraining = new Retraining(dataDir, database.jdbi(), bundles, store, retrain);
    }

    /** Starts tagging, first whatever was left queued by an earlier run. */
    public ShopServices start() {
        sessions.purgeExpired();
        retraining.failLeftRunning();
        tagging.start();
        return this;
    }

    public ShopDatabase database() {
        return database;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    public PhotoStore store() {
        return store;
    }

    public PhotoRecords photos() {
        return photos;
    }

    public UploadCheck uploads() {
        return uploads;
    }

    public ServingBundles bundles() {
        return bundles;
    }

    public TaggingWorker tagging() {
        return tagging;
    }

    public Reviews reviews() {
        return reviews;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Messages messages() {
        return messages;
    }

    public Retraining retraining() {
        return retraining;
    }

    @Override
    public void close() {
        retraining.close(); // kills a running training process and marks its job failed
        tagging.close();
        bundles.close(); // the database is closed by whoever opened it
    }
}
