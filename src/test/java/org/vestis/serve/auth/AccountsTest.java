package org.vestis.serve.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.db.ShopDatabase;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts and sessions on a real embedded database, migrated by Flyway. */
class AccountsTest {
    @TempDir
    Path data;
    ShopDatabase db;
    Accounts accounts;
    Sessions sessions;

    @BeforeEach
    void open() {
        db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null);
        accounts = new Accounts(db.jdbi());
        sessions = new Sessions(db.jdbi());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void passwordIsStoredAsBcryptAndChecked() {
        User sam = accounts.create("sam", Role.SELLER, "correct horse battery".toCharArray());
        assertThat(accounts.login("sam", "correct horse battery".toCharArray())).contains(sam);
        assertThat(accounts.login("sam", "correct horse batterY".toCharArray())).isEmpty();
        assertThat(accounts.login("nobody", "correct horse battery".toCharArray())).isEmpty();
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users").mapTo(String.class).one());
        assertThat(stored).startsWith("$2a$11$").doesNotContain("horse");
    }

    @Test
    void refusesWeakPasswordsBadNamesAndTakenNames() {
        assertThatThrownBy(() -> accounts.create("sam", Role.SELLER, "short".toCharArray()))
                .hasMessage("A password has at least 10 characters.");
        assertThatThrownBy(() -> accounts.create("sam'; DROP TABLE users;--", Role.SELLER, "long enough password".toCharArray()))
                .hasMessageStartingWith("A user name has 2 to 64 letters");
        assertThatThrownBy(() -> accounts.create("sam", Role.SELLER, "x".repeat(73).toCharArray()))
                .hasMessage("A password has at most 72 bytes.");
        accounts.create("sam", Role.SELLER, "long enough password".toCharArray());
        assertThatThrownBy(() -> accounts.create("sam", Role.BUYER, "another long password".toCharArray()))
                .hasMessage("The user name sam is taken.");
    }

    @Test
    void sessionEndsForGoodAtLogoutAndTheDatabaseHoldsNoToken() {
        User mia = accounts.create("mia", Role.MANAGER, "manager password".toCharArray());
        String token = sessions.start(mia);
        Sessions.Session s = sessions.find(token).orElseThrow();
        assertThat(s.user()).isEqualTo(mia);
        assertThat(s.csrfToken()).hasSizeGreaterThan(40).isNotEqualTo(token);
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM sessions").mapTo(String.class).one());
        assertThat(stored).isNotEqualTo(token).hasSize(64);
        sessions.end(token);
        assertThat(sessions.find(token)).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }
}
