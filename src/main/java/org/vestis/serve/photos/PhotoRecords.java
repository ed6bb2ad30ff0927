package org.vestis.serve.photos;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The photos table and their proposed tags: what sellers uploaded and what the model said of it. */
public final class PhotoRecords {
    private final Jdbi jdbi;

    public PhotoRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored photo as pages and the API show it. */
    public record Photo(long id, long sellerId, String seller, long batchId, String sha256, String fileName, String mediaType,
                        int width, int height, long bytes, String status, String error, OffsetDateTime uploadedAt) {
    }

    /** One tag of a photo, proposed and (once reviewed) verified. */
    public record Tag(long id, long photoId, int person, String slot, String label, double confidence, String colour,
                      String verifiedLabel) {
        public boolean reviewed() {
            return verifiedLabel != null;
        }

        /** What the shop states: the verified label once reviewed, else the proposal. */
        public String shownLabel() {
            return verifiedLabel != null ? verifiedLabel : label;
        }
    }

    /** What an upload did: the photo's id, and whether the seller had already uploaded the same bytes. */
    public record Added(long photoId, boolean duplicate) {
    }

    public long newBatch(long sellerId) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO batches(seller_id, created_at) VALUES (:seller, :now)")
                .bind("seller", sellerId).bind("now", OffsetDateTime.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** The seller's batch with this id, if it is theirs. */
    public boolean batchOf(long batchId, long sellerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM batches WHERE id = :id AND seller_id = :seller")
                .bind("id", batchId).bind("seller", sellerId).mapTo(Long.class).one()) > 0;
    }

    /** Records an upload, queued for tagging; the same bytes from the same seller stay one photo. */
    public Added add(long sellerId, long batchId, String sha256, String fileName, UploadCheck.CheckedPhoto photo, long bytes) {
        Optional<Long> existing = find(sellerId, sha256);
        if (existing.isPresent()) {
            return new Added(existing.get(), true);
        }
        try {
            long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO photos(seller_id, batch_id, sha256, file_name, media_type, width, height, "
                            + "bytes, status, uploaded_at) VALUES (:seller, :batch, :sha, :name, :type, :w, :h, :bytes, 'queued', :now)")
                    .bind("seller", sellerId).bind("batch", batchId).bind("sha", sha256).bind("name", displayName(fileName))
                    .bind("type", photo.mediaType()).bind("w", photo.width()).bind("h", photo.height()).bind("bytes", bytes)
                    .bind("now", OffsetDateTime.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            return new Added(id, false);
        } catch (UnableToExecuteStatementException e) {
            // Two uploads of the same bytes at once: the unique key let one in.
            return find(sellerId, sha256).map(id -> new Added(id, true)).orElseThrow(() -> e);
        }
    }

    private Optional<Long> find(long sellerId, String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM photos WHERE seller_id = :seller AND sha256 = :sha")
                .bind("seller", sellerId).bind("sha", sha256).mapTo(Long.class).findOne());
    }

    /** A name fit for display: no folders, no control characters, at most 255 characters. */
    static String displayName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "photo";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** Photos waiting for the tagger, oldest first. */
    public List<Photo> queued(int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.status = 'queued' ORDER BY p.id").setMaxRows(limit)
                .map((rs, ctx) -> photo(rs)).list());
    }

    /**
     * Stores a photo's tags and marks it tagged, in one transaction and only if it was still queued: a photo is tagged
     * once even when two workers or a restart meet it.
     */
    public boolean saveTags(long photoId, Long bundleId, List<PhotoTagger.ProposedTag> tags) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("UPDATE photos SET status = 'tagged', tagged_at = :now, bundle_id = :bundle "
                            + "WHERE id = :id AND status = 'queued'")
                    .bind("now", OffsetDateTime.now()).bind("bundle", bundleId).bind("id", photoId).execute();
            if (updated != 1) {
                return false;
            }
            for (PhotoTagger.ProposedTag t : tags) {
                h.createUpdate("INSERT INTO tags(photo_id, person, slot, label, confidence, colour) "
                                + "VALUES (:photo, :person, :slot, :label, :confidence, :colour)")
                        .bind("photo", photoId).bind("person", t.person()).bind("slot", t.slot()).bind("label", t.label())
                        .bind("confidence", t.confidence()).bind("colour", t.colour()).execute();
            }
            return true;
        });
    }

    public void markFailed(long photoId, String error) {
        String e = error == null ? "unknown error" : error;
        jdbi.useHandle(h -> h.createUpdate("UPDATE photos SET status = 'failed', error = :error WHERE id = :id AND status = 'queued'")
                .bind("error", e.length() > 500 ? e.substring(0, 500) : e).bind("id", photoId).execute());
    }

    public Optional<Photo> photo(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.id = :id").bind("id", id).map((rs, ctx) -> photo(rs)).findOne());
    }

    /** A seller's photos, newest first. */
    public List<Photo> ofSeller(long sellerId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE p.seller_id = :seller ORDER BY p.id DESC").bind("seller", sellerId)
                .setMaxRows(limit).map((rs, ctx) -> photo(rs)).list());
    }

    public List<Tag> tags(long photoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, photo_id, person, slot, label, confidence, colour, verified_label "
                        + "FROM tags WHERE photo_id = :photo ORDER BY person, id").bind("photo", photoId)
                .map((rs, ctx) -> tag(rs)).list());
    }

    /** A photo is verified when it was tagged and every one of its tags has been reviewed. */
    public boolean verified(long photoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM photos p WHERE p.id = :id AND p.status = 'tagged' "
                + "AND EXISTS (SELECT 1 FROM tags t WHERE t.photo_id = p.id) "
                + "AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.photo_id = p.id AND t.verified_label IS NULL)")
                .bind("id", photoId).mapTo(Long.class).one()) > 0;
    }

    /** How many photos are in each status. */
    public long count(String status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM photos WHERE status = :s").bind("s", status).mapTo(Long.class).one());
    }

    private static final String SELECT = "SELECT p.id, p.seller_id, u.name, p.batch_id, p.sha256, p.file_name, p.media_type, p.width, "
            + "p.height, p.bytes, p.status, p.error, p.uploaded_at FROM photos p JOIN users u ON u.id = p.seller_id";

    private static Photo photo(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Photo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getLong(10), rs.getString(11), rs.getString(12),
                rs.getObject(13, OffsetDateTime.class));
    }

    public static Tag tag(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Tag(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getDouble(6),
                rs.getString(7), rs.getString(8));
    }
}
