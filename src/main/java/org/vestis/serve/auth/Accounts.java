package org.vestis.serve.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Shop accounts: bcrypt-hashed passwords, names checked, no account without a password its owner chose. */
public final class Accounts {
    public static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt truncates longer passwords silently; refuse them instead. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]{2,64}");
    /** bcrypt's work factor: about 0.1 s per check on these machines, slow for an attacker, quick for a login. */
    private static final int COST = 11;
    /** Checked against when a name is unknown, so an attacker cannot tell unknown names by the time a login takes. */
    private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(COST, "not-a-password-anyone-has".toCharArray());

    private final Jdbi jdbi;

    public Accounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Creates an account; the message of the exception says what is wrong with the name or password. */
    public User create(String name, Role role, char[] password) {
        if (role == Role.ANYONE) {
            throw new IllegalArgumentException("An account has a role: seller, manager or buyer.");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidAccountException("A user name has 2 to 64 letters, digits, dots, dashes or underscores.");
        }
        checkPassword(password);
        if (find(name).isPresent()) {
            throw new InvalidAccountException("The user name " + name + " is taken.");
        }
        String hash = BCrypt.withDefaults().hashToString(COST, password);
        long id = jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO users(name, role, password_hash, created_at) VALUES (:name, :role, :hash, :now)")
                .bind("name", name).bind("role", role.id()).bind("hash", hash).bind("now", OffsetDateTime.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new User(id, name, role);
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountException("A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidAccountException("A password has at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
    }

    /** The user with this name and password, or empty; takes as long for an unknown name as for a wrong password. */
    public Optional<User> login(String name, char[] password) {
        record Row(long id, String name, String role, String hash) {
        }
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("SELECT id, name, role, password_hash FROM users WHERE name = :name")
                .bind("name", name == null ? "" : name)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).findOne());
        char[] pw = password == null ? new char[0] : password;
        boolean ok = BCrypt.verifyer().verify(pw, row.map(Row::hash).orElse(DUMMY_HASH)).verified;
        return ok && row.isPresent() ? Optional.of(new User(row.get().id(), row.get().name(), Role.parse(row.get().role()))) : Optional.empty();
    }

    public Optional<User> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, role FROM users WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3)))).findOne());
    }

    public List<User> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, role FROM users ORDER BY role, name")
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3)))).list());
    }

    public boolean anyManager() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE role = 'manager'").mapTo(Long.class).one()) > 0;
    }

    /** A name or password that cannot make an account; its message is for the user. */
    public static final class InvalidAccountException extends RuntimeException {
        public InvalidAccountException(String message) {
            super(message);
        }
    }
}
