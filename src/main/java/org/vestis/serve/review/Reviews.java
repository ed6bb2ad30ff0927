package org.vestis.serve.review;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.vestis.serve.auth.User;
import org.vestis.serve.messages.Messages;
import org.vestis.serve.photos.PhotoRecords;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The managers' review: unreviewed tags least-confident first, accepting or correcting one (every change recorded in
 * tag_changes: who, when, from what to what), bulk accepting above a confidence, and the model's accuracy on what was
 * reviewed, per class and per day: the shop's own test set. When the last tag of a seller's batch is reviewed the
 * seller is notified.
 */
public final class Reviews {
    private final Jdbi jdbi;

    public Reviews(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A tag waiting for review, with what the reviewer needs to see. */
    public record Pending(PhotoRecords.Tag tag, String seller, String fileName, long batchId) {
    }

    /** What to show: an optional proposed label and seller name. */
    public record Filter(String label, String seller) {
        public static final Filter NONE = new Filter(null, null);

        String where() {
            return " WHERE t.verified_label IS NULL AND p.status = 'tagged'"
                    + (blank(label) ? "" : " AND t.label = :label") + (blank(seller) ? "" : " AND u.name = :seller");
        }

        <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement) {
            if (!blank(label)) {
                statement.bind("label", label);
            }
            if (!blank(seller)) {
                statement.bind("seller", seller);
            }
            return statement;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static final String FROM = " FROM tags t JOIN photos p ON p.id = t.photo_id JOIN users u ON u.id = p.seller_id";

    /** Unreviewed tags, least confident first. */
    public List<Pending> queue(Filter filter, int limit) {
        return jdbi.withHandle(h -> filter.bind(h.createQuery("SELECT t.id, t.photo_id, t.person, t.slot, t.label, t.confidence, t.colour, "
                        + "t.verified_label, u.name, p.file_name, p.batch_id" + FROM + filter.where() + " ORDER BY t.confidence, t.id"))
                .setMaxRows(limit)
                .map((rs, ctx) -> new Pending(PhotoRecords.tag(rs), rs.getString(9), rs.getString(10), rs.getLong(11))).list());
    }

    /** How many tags the filter leaves to review. */
    public long remaining(Filter filter) {
        return jdbi.withHandle(h -> filter.bind(h.createQuery("SELECT COUNT(*)" + FROM + filter.where())).mapTo(Long.class).one());
    }

    /** The distinct proposed labels and sellers with tags to review, for the filters. */
    public List<String> pendingLabels() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT t.label" + FROM + Filter.NONE.where() + " ORDER BY t.label")
                .mapTo(String.class).list());
    }

    public List<String> pendingSellers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT u.name" + FROM + Filter.NONE.where() + " ORDER BY u.name")
                .mapTo(String.class).list());
    }

    /** The slot of a tag, or empty when there is no such tag. */
    public Optional<String> slotOf(long tagId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT slot FROM tags WHERE id = :id").bind("id", tagId).mapTo(String.class).findOne());
    }

    /** Accepts the proposal; false when the tag does not exist or was already reviewed. */
    public boolean accept(long tagId, User manager) {
        return jdbi.inTransaction(h -> review(h, tagId, manager, null));
    }

    /** Sets the verified label (a correction when it differs from the proposal). */
    public boolean correct(long tagId, User manager, String label) {
        return jdbi.inTransaction(h -> review(h, tagId, manager, label));
    }

    /** Accepts every unreviewed tag at or above the confidence that the filter shows; returns how many. */
    public int acceptAbove(double minConfidence, Filter filter, User manager) {
        return jdbi.inTransaction(h -> {
            List<Long> ids = filter.bind(h.createQuery("SELECT t.id" + FROM + filter.where() + " AND t.confidence >= :min ORDER BY t.id"))
                    .bind("min", minConfidence).mapTo(Long.class).list();
            int n = 0;
            for (long id : ids) {
                n += review(h, id, manager, null) ? 1 : 0;
            }
            return n;
        });
    }

    private boolean review(Handle h, long tagId, User manager, String newLabel) {
        Optional<PhotoRecords.Tag> tag = h.createQuery("SELECT id, photo_id, person, slot, label, confidence, colour, verified_label "
                        + "FROM tags WHERE id = :id").bind("id", tagId).map((rs, ctx) -> PhotoRecords.tag(rs)).findOne();
        if (tag.isEmpty() || tag.get().reviewed()) {
            return false;
        }
        String to = newLabel == null ? tag.get().label() : newLabel;
        OffsetDateTime now = OffsetDateTime.now();
        int updated = h.createUpdate("UPDATE tags SET verified_label = :to, verified_by = :by, verified_at = :now "
                        + "WHERE id = :id AND verified_label IS NULL")
                .bind("to", to).bind("by", manager.id()).bind("now", now).bind("id", tagId).execute();
        if (updated != 1) {
            return false;
        }
        h.createUpdate("INSERT INTO tag_changes(tag_id, user_id, action, from_label, to_label, changed_at) "
                        + "VALUES (:tag, :user, :action, :from, :to, :now)")
                .bind("tag", tagId).bind("user", manager.id()).bind("action", to.equals(tag.get().label()) ? "accept" : "correct")
                .bind("from", tag.get().label()).bind("to", to).bind("now", now).execute();
        notifyIfBatchDone(h, tag.get().photoId());
        return true;
    }

    /** Tells the seller when the last tag of their batch has been reviewed: how many were kept and how many corrected. */
    private static void notifyIfBatchDone(Handle h, long photoId) {
        record Batch(long id, long seller) {
        }
        Batch b = h.createQuery("SELECT batch_id, seller_id FROM photos WHERE id = :id").bind("id", photoId)
                .map((rs, ctx) -> new Batch(rs.getLong(1), rs.getLong(2))).one();
        long open = h.createQuery("SELECT COUNT(*) FROM photos p WHERE p.batch_id = :b AND (p.status = 'queued' OR EXISTS "
                        + "(SELECT 1 FROM tags t WHERE t.photo_id = p.id AND t.verified_label IS NULL))")
                .bind("b", b.id()).mapTo(Long.class).one();
        if (open > 0) {
            return;
        }
        long corrected = h.createQuery("SELECT COUNT(*) FROM tags t JOIN photos p ON p.id = t.photo_id "
                        + "WHERE p.batch_id = :b AND t.verified_label <> t.label").bind("b", b.id()).mapTo(Long.class).one();
        long photos = h.createQuery("SELECT COUNT(*) FROM photos WHERE batch_id = :b AND status = 'tagged'").bind("b", b.id())
                .mapTo(Long.class).one();
        String body = corrected == 0
                ? String.format(Locale.ROOT, "Batch %d is verified (%s): every tag was accepted.", b.id(), count(photos, "photo"))
                : String.format(Locale.ROOT, "Batch %d is verified (%s): %s corrected.", b.id(), count(photos, "photo"),
                        count(corrected, "tag") + (corrected == 1 ? " was" : " were"));
        Messages.insert(h, Messages.NOTIFICATION, null, b.seller(), null, body);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The model's accuracy on reviewed tags of one class (as the manager verified it). */
    public record ClassAccuracy(String slot, String label, long reviewed, long correct) {
        public double accuracy() {
            return reviewed == 0 ? 0 : (double) correct / reviewed;
        }
    }

    /** Per verified class: how many reviewed tags had it, and how many of those the model had proposed right. */
    public List<ClassAccuracy> accuracyPerClass() {
        return jdbi.withHandle(h -> h.createQuery("SELECT slot, verified_label, COUNT(*), "
                        + "SUM(CASE WHEN label = verified_label THEN 1 ELSE 0 END) FROM tags WHERE verified_label IS NOT NULL "
                        + "GROUP BY slot, verified_label ORDER BY slot, verified_label")
                .map((rs, ctx) -> new ClassAccuracy(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list());
    }

    /** Accuracy on the tags reviewed each day. */
    public record DayAccuracy(LocalDate day, long reviewed, long correct) {
        public double accuracy() {
            return reviewed == 0 ? 0 : (double) correct / reviewed;
        }
    }

    public List<DayAccuracy> accuracyPerDay() {
        List<DayAccuracy> days = new ArrayList<>();
        jdbi.useHandle(h -> h.createQuery("SELECT verified_at, label, verified_label FROM tags WHERE verified_label IS NOT NULL ORDER BY verified_at")
                .map((rs, ctx) -> dayRow(rs)).forEach(r -> {
                    if (days.isEmpty() || !days.get(days.size() - 1).day().equals(r.day())) {
                        days.add(new DayAccuracy(r.day(), 0, 0));
                    }
                    DayAccuracy last = days.remove(days.size() - 1);
                    days.add(new DayAccuracy(last.day(), last.reviewed() + 1, last.correct() + (r.correct() ? 1 : 0)));
                }));
        return days;
    }

    private record DayRow(LocalDate day, boolean correct) {
    }

    private static DayRow dayRow(ResultSet rs) throws SQLException {
        return new DayRow(rs.getObject(1, OffsetDateTime.class).toLocalDate(), rs.getString(2).equals(rs.getString(3)));
    }

    /** One recorded review action. */
    public record Change(long tagId, String user, String action, String from, String to, OffsetDateTime at) {
    }

    /** The latest review actions, newest first. */
    public List<Change> history(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.tag_id, u.name, c.action, c.from_label, c.to_label, c.changed_at "
                        + "FROM tag_changes c JOIN users u ON u.id = c.user_id ORDER BY c.id DESC").setMaxRows(limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class))).list());
    }
}
