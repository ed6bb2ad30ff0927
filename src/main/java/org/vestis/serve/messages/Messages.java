package org.vestis.serve.messages;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;

/**
 * Notifications, messages and feedback, one table: from a user or the system (null), to a user or to all managers
 * (null), optionally about a photo.
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

    public void send(String kind, Long from, Long to, Long photoId, String body) {
        jdbi.useHandle(h -> insert(h, kind, from, to, photoId, body));
    }
}
