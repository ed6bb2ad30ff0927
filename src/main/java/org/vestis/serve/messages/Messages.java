package org.vestis.serve.messages;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.User;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Notifications, messages and feedback, one table: from a user or the system (null), to a user or to all managers
 * (null), optionally about a photo. Sellers and buyers see what was addressed to them and what they sent; managers see
 * every message (sellers' notifications too, so they know what the shop told whom), though only those to them or to
 * all managers count as unread for them. To all managers means one shared inbox: read by one, read for all.
 */
public final class Messages {
    public static final String NOTIFICATION = "notification";
    public static final String MESSAGE = "message";
    public static final String FEEDBACK = "feedback";
    public static final int MAX_BODY = 2000;

    private final Jdbi jdbi;

    public Messages(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores one message inside a caller's transaction. */
    public static void insert(Handle h, String kind, Long from, Long to, Long photoId, String body) {
        String b = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
        h.createUpdate("INSERT INTO messages(kind, from_user, to_user, photo_id, body, created_at) "
                        + "VALUES (:kind, :from, :to, :photo, :body, :now)")
                .bind("kind", kind).bind("from", from).bind("to", to).bind("photo", photoId).bind("body", b)
                .bind("now", OffsetDateTime.now()).execute();
    }

    /** One message as its reader sees it: names instead of ids, and whether it is new to this reader. */
    public record Message(long id, String kind, String from, String to, Long photoId, String body, OffsetDateTime createdAt,
                          OffsetDateTime readAt, boolean unread) {
        /** Who it is to, for display: a user's name, or the managers. */
        public String toShown() {
            return to == null ? "managers" : to;
        }

        public String fromShown() {
            return from == null ? "Vestis shop" : from;
        }
    }

    /** A message body that cannot be sent; its message is for the user. */
    public static final class InvalidMessageException extends RuntimeException {
        public InvalidMessageException(String message) {
            super(message);
        }
    }

    /** The body as stored: without surrounding blanks, 1 to {@value #MAX_BODY} characters, or a clear refusal. */
    private static String checkedBody(String body) {
        String b = body == null ? "" : body.strip();
        if (b.isEmpty()) {
            throw new InvalidMessageException("Write something: the message is empty.");
        }
        if (b.length() > MAX_BODY) {
            throw new InvalidMessageException("A message has at most " + MAX_BODY + " characters; this one has " + b.length() + ".");
        }
        return b;
    }

    /** Sends a user's message (to a user, or to all managers when {@code to} is null); returns its id. */
    public long write(String kind, User from, User to, Long photoId, String body) {
        String b = checkedBody(body);
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO messages(kind, from_user, to_user, photo_id, body, created_at) "
                        + "VALUES (:kind, :from, :to, :photo, :body, :now)")
                .bind("kind", kind).bind("from", from.id()).bind("to", to == null ? null : to.id()).bind("photo", photoId)
                .bind("body", b).bind("now", OffsetDateTime.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Addressed to this user: to them, or for a manager to all managers. */
    private static String addressedTo(User me) {
        return me.role() == Role.MANAGER ? "(m.to_user IS NULL OR m.to_user = :me)" : "m.to_user = :me";
    }

    /** What this user may read, newest first. */
    public List<Message> visibleTo(User me, int limit) {
        boolean everything = me.role() == Role.MANAGER;
        String sql = "SELECT m.id, m.kind, fu.name, tu.name, m.photo_id, m.body, m.created_at, m.read_at, m.to_user, m.from_user "
                + "FROM messages m LEFT JOIN users fu ON fu.id = m.from_user LEFT JOIN users tu ON tu.id = m.to_user"
                + (everything ? "" : " WHERE " + addressedTo(me) + " OR m.from_user = :me") + " ORDER BY m.id DESC";
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql).setMaxRows(limit);
            if (!everything) {
                query.bind("me", me.id());
            }
            return query.map((rs, ctx) -> {
                Long toId = rs.getObject(9, Long.class);
                Long fromId = rs.getObject(10, Long.class);
                OffsetDateTime readAt = rs.getObject(8, OffsetDateTime.class);
                boolean forMe = toId == null ? me.role() == Role.MANAGER : toId == me.id();
                boolean unread = readAt == null && forMe && (fromId == null || fromId != me.id());
                return new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, Long.class),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), readAt, unread);
            }).list();
        });
    }

    /** How many messages addressed to this user they have not seen yet (their own are never unread to them). */
    public long unread(User me) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages m WHERE m.read_at IS NULL AND " + addressedTo(me)
                        + " AND (m.from_user IS NULL OR m.from_user <> :me)")
                .bind("me", me.id()).mapTo(Long.class).one());
    }

    /** Marks everything addressed to this user as read, now that they have seen it; returns how many. */
    public int markRead(User me) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE messages m SET read_at = :now WHERE m.read_at IS NULL AND " + addressedTo(me)
                        + " AND (m.from_user IS NULL OR m.from_user <> :me)")
                .bind("me", me.id()).bind("now", OffsetDateTime.now()).execute());
    }
}
