package org.vestis.serve.retrain;

import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The jobs table: background jobs (retraining) with their progress, outcome and the bundle they made. */
public final class JobRecords {
    public static final String RETRAIN = "retrain";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    static final String STOPPED_WITH_SERVER = "It stopped with the server before it finished; start it again.";
    private static final int MAX_MESSAGE = 1000;

    private final Jdbi jdbi;

    public JobRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A job as pages and the API show it; progress from 0 to 1. */
    public record Job(long id, String kind, String status, double progress, String message, String startedBy,
                      Long bundleId, String bundleName, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
        public boolean running() {
            return RUNNING.equals(status);
        }
    }

    /** Records a running job, unless one of the kind already runs (then empty): one retrain at a time. */
    public synchronized Optional<Job> startUnlessRunning(String kind, long userId, String message) {
        return jdbi.inTransaction(h -> {
            long running = h.createQuery("SELECT COUNT(*) FROM jobs WHERE kind = :kind AND status = :running")
                    .bind("kind", kind).bind("running", RUNNING).mapTo(Long.class).one();
            if (running > 0) {
                return Optional.<Long>empty();
            }
            return Optional.of(h.createUpdate("INSERT INTO jobs(kind, status, progress, message, started_by, started_at) "
                            + "VALUES (:kind, :running, 0, :message, :user, :now)")
                    .bind("kind", kind).bind("running", RUNNING).bind("message", cut(message)).bind("user", userId)
                    .bind("now", OffsetDateTime.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        }).flatMap(this::find);
    }

    /** The running job of a kind, if any. */
    public Optional<Job> running(String kind) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE j.kind = :kind AND j.status = :running ORDER BY j.id")
                .bind("kind", kind).bind("running", RUNNING).map((rs, ctx) -> row(rs)).findFirst());
    }

    public void progress(long id, double progress, String message) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET progress = :p, message = :m WHERE id = :id AND status = :running")
                .bind("p", Math.max(0, Math.min(1, progress))).bind("m", cut(message)).bind("id", id).bind("running", RUNNING).execute());
    }

    public void done(long id, long bundleId, String message) {
        finish(id, DONE, 1.0, bundleId, message);
    }

    public void failed(long id, String message) {
        finish(id, FAILED, null, null, message);
    }

    private void finish(long id, String status, Double progress, Long bundleId, String message) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET status = :status, progress = COALESCE(:p, progress), "
                        + "bundle_id = :bundle, message = :m, finished_at = :now WHERE id = :id AND status = :running")
                .bind("status", status).bind("p", progress).bind("bundle", bundleId).bind("m", cut(message))
                .bind("now", OffsetDateTime.now()).bind("id", id).bind("running", RUNNING).execute());
    }

    /** Marks jobs left running by a server that stopped (or crashed) as failed; returns how many. */
    public int failLeftRunning() {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE jobs SET status = :failed, message = :m, finished_at = :now WHERE status = :running")
                .bind("failed", FAILED).bind("m", STOPPED_WITH_SERVER).bind("now", OffsetDateTime.now()).bind("running", RUNNING).execute());
    }

    public Optional<Job> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE j.id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    /** The latest jobs, newest first. */
    public List<Job> latest(int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY j.id DESC").setMaxRows(limit).map((rs, ctx) -> row(rs)).list());
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static final String SELECT = "SELECT j.id, j.kind, j.status, j.progress, j.message, u.name, j.bundle_id, b.name, "
            + "j.started_at, j.finished_at FROM jobs j JOIN users u ON u.id = j.started_by LEFT JOIN bundles b ON b.id = j.bundle_id";

    private static Job row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long bundle = rs.getLong(7);
        Long bundleId = rs.wasNull() ? null : bundle;
        return new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5), rs.getString(6),
                bundleId, rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class));
    }
}
