package org.vestis.serve;

import org.jdbi.v3.core.Jdbi;
import org.vestis.serve.photos.PhotoTagger;
import org.vestis.serve.photos.TaggingWorker;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which product bundle tags new uploads. The bundles table lists the committed bundle and every bundle retrained
 * here (with its parent and data); exactly one serves. Switching loads the new bundle before the old one is let go, so
 * tagging never stops; older bundles stay listed and can be switched back to.
 */
public final class ServingBundles implements AutoCloseable {
    private final Jdbi jdbi;
    private final Path garmentBundle;
    private volatile TaggingWorker.ServingTagger serving;
    /** Taggers switched away from; the worker may still hold one for the photo in hand, so they close with the server. */
    private final List<PhotoTagger> retired = new ArrayList<>();
    private boolean closed;

    /** A bundle row. */
    public record Bundle(long id, String name, String path, Long parentId, String dataNote, boolean serving, OffsetDateTime createdAt) {
    }

    /**
     * Opens the serving bundle: the one marked serving in the database, else {@code defaultBundle} (registered now).
     * {@code garmentBundle} (or null) tags photos of people, whatever product bundle serves.
     */
    public ServingBundles(Jdbi jdbi, Path defaultBundle, Path garmentBundle) {
        this.jdbi = jdbi;
        this.garmentBundle = garmentBundle;
        Bundle current = servingRow().orElseGet(() -> register(defaultBundle, null, "the bundle the shop started with", true));
        this.serving = load(current);
    }

    private TaggingWorker.ServingTagger load(Bundle b) {
        return new TaggingWorker.ServingTagger(PhotoTagger.load(Path.of(b.path()), garmentBundle), b.id());
    }

    /** The tagger for the next photo. */
    public TaggingWorker.ServingTagger current() {
        return serving;
    }

    public Optional<Bundle> servingRow() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE serving = TRUE").map((rs, ctx) -> row(rs)).findFirst());
    }

    public List<Bundle> all() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY id").map((rs, ctx) -> row(rs)).list());
    }

    public Optional<Bundle> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    /** Adds a bundle to the list (not serving unless asked); its name is its folder's name. */
    public Bundle register(Path dir, Long parentId, String dataNote, boolean serve) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        Optional<Bundle> existing = jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> row(rs)).findOne());
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO bundles(name, path, parent_id, data_note, serving, created_at) "
                        + "VALUES (:name, :path, :parent, :note, :serving, :now)")
                .bind("name", name).bind("path", abs.toString()).bind("parent", parentId).bind("note", dataNote)
                .bind("serving", serve).bind("now", OffsetDateTime.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return find(id).orElseThrow();
    }

    /** Serves another listed bundle from now on: loaded first, then marked serving, then the old one closed. */
    public synchronized Bundle switchTo(long id) {
        Bundle b = find(id).orElseThrow(() -> new IllegalArgumentException("No bundle " + id + "."));
        TaggingWorker.ServingTagger next = load(b);
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE bundles SET serving = FALSE WHERE serving = TRUE").execute();
            h.createUpdate("UPDATE bundles SET serving = TRUE WHERE id = :id").bind("id", id).execute();
        });
        retired.add(serving.tagger());
        serving = next;
        return b;
    }

    private static final String SELECT = "SELECT id, name, path, parent_id, data_note, serving, created_at FROM bundles";

    private static Bundle row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long parent = rs.getLong(4);
        Long parentId = rs.wasNull() ? null : parent; // wasNull speaks of the column read last
        return new Bundle(rs.getLong(1), rs.getString(2), rs.getString(3), parentId, rs.getString(5),
                rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        serving.tagger().close();
        retired.forEach(PhotoTagger::close);
    }
}
