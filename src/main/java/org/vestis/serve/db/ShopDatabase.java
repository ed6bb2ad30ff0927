package org.vestis.serve.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.vestis.RootCause;
import org.vestis.UserException;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The shop's database: an embedded H2 file under the data folder by default, or any JDBC URL (PostgreSQL in
 * production), brought to the newest schema by Flyway's versioned migrations ({@code serve/migrations}) on open.
 */
public final class ShopDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String url;

    private ShopDatabase(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * The embedded database's URL for a data folder. WRITE_DELAY=0: H2 otherwise writes committed transactions to the
     * file up to half a second later, so a killed server lost uploads it had already answered 201 for
     * (ShopRestartTest); with 0 every commit is in the file (the operating system's cache) before the answer goes out.
     */
    public static String embeddedUrl(Path dataDir) {
        // Absolute path: H2 refuses relative file names it cannot place.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("shop").toString().replace('\\', '/') + ";WRITE_DELAY=0";
    }

    /** Opens (and migrates) the database at a JDBC URL; user and password may be null or part of the URL. */
    public static ShopDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(8);
        config.setPoolName("vestis-shop");
        config.setInitializationFailTimeout(5_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UserException("Cannot open the database " + redacted(jdbcUrl) + ": " + RootCause.message(e)
                    + ". Check --db-url, that the server runs and the user may log in.", e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:serve/migrations").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new UserException("Cannot bring the database " + redacted(jdbcUrl) + " to the shop's schema: " + RootCause.message(e), e);
        }
        return new ShopDatabase(dataSource, jdbcUrl);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The URL without any password parameter, for messages. */
    public String describe() {
        return redacted(url);
    }

    /** True when the database answers. */
    public boolean healthy() {
        try (var c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }


    @Override
    public void close() {
        dataSource.close();
    }
}
