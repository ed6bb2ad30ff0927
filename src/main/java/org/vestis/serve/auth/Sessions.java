package org.vestis.serve.auth;

import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Login sessions kept in the database (they survive a restart; logging out ends them for good). The cookie holds a
 * random token; the database only its SHA-256. Each session has its own CSRF token for forms and API calls.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;

    public Sessions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A logged-in user's session: the user and the CSRF token their forms must send back. */
    public record Session(User user, String csrfToken) {
    }

    /** Starts a session; returns the token for the cookie. */
    public String start(User user) {
        String token = randomToken();
        OffsetDateTime now = OffsetDateTime.now();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at) "
                        + "VALUES (:hash, :user, :csrf, :now, :expires)")
                .bind("hash", sha256(token)).bind("user", user.id()).bind("csrf", randomToken())
                .bind("now", now).bind("expires", now.plus(LIFETIME)).execute());
        return token;
    }

    /** The live session of a cookie's token, or empty when unknown, ended or expired. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.name, u.role, s.csrf_token FROM sessions s "
                        + "JOIN users u ON u.id = s.user_id WHERE s.token_hash = :hash AND s.expires_at > :now")
                .bind("hash", sha256(token)).bind("now", OffsetDateTime.now())
                .map((rs, ctx) -> new Session(new User(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3))), rs.getString(4)))
                .findOne());
    }

    /** Ends a session: its cookie never works again, even if someone kept a copy. */
    public void end(String token) {
        if (token != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash").bind("hash", sha256(token)).execute());
        }
    }

    /** Removes expired sessions. */
    public int purgeExpired() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now").bind("now", OffsetDateTime.now()).execute());
    }

    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two tokens. */
    public static boolean sameToken(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
