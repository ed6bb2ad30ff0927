package org.vestis.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.auth.Role;
import org.vestis.serve.photos.UploadCheck;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop on a real PostgreSQL server (the URL in VESTIS_TEST_PG_URL, which .ci/run sets after starting Debian's
 * server; reported skipped without it): Flyway's migrations, then upload -> tag -> review -> buyer, and a restart on
 * the same database. Each run works in a schema of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "VESTIS_TEST_PG_URL", matches = "jdbc:postgresql:.+",
        disabledReason = "VESTIS_TEST_PG_URL is not set (.ci/run starts PostgreSQL and sets it)")
class ShopPostgresTest {
    /** The versions of src/main/resources/serve/migrations, in order: each runs once. */
    private static final List<String> MIGRATIONS = List.of("1", "2");

    @TempDir
    Path dir;
    private String schema;
    private String url;

    @BeforeEach
    void schema() throws SQLException {
        String base = System.getenv("VESTIS_TEST_PG_URL");
        schema = "shoptest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getenv("VESTIS_TEST_PG_URL")); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void migratesThenUploadTagReviewAndRestartOnPostgres() throws Exception {
        List<Long> photos = new ArrayList<>();
        try (ShopHarness shop = ShopHarness.start(dir, url, UploadCheck.DEFAULT_MAX_BYTES)) {
            assertThat(shop.services().database().describe()).startsWith("jdbc:postgresql:").doesNotContain("password=vestis");
            // Flyway's migrations ran here, in this schema.
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, success FROM " + schema + ".flyway_schema_history "
                         + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) {
                    assertThat(rs.getBoolean(2)).isTrue();
                    versions.add(rs.getString(1));
                }
                assertThat(versions).isEqualTo(MIGRATIONS);
            }
            ShopHarness.Client sam = shop.login("sam", Role.SELLER);
            ShopHarness.Client sue = shop.login("sue", Role.SELLER);
            ShopHarness.Client max = shop.login("max", Role.MANAGER);
            ShopHarness.Client bea = shop.login("bea", Role.BUYER);
            long batch = sam.newBatch();
            OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = sam.upload(batch, "item" + i + ".jpg", ShopHarness.jpeg(i));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                photos.add(ShopHarness.json(r).get("results").get(0).get("photoId").asLong());
            }
            // The same bytes again: one photo (the unique key on PostgreSQL), answered as a duplicate.
            HttpResponse<String> again = sam.upload(batch, "again.jpg", ShopHarness.jpeg(0));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(ShopHarness.json(again).get("results").get(0).get("outcome").asText()).isEqualTo("duplicate");
            HttpResponse<String> other = sue.upload(sue.newBatch(), "sue.jpg", ShopHarness.jpeg(99));
            assertThat(other.statusCode()).isEqualTo(201);
            shop.awaitTagged(Duration.ofMinutes(3));

            JsonNode mine = ShopHarness.json(sam.get("/api/photos")).get("photos");
            assertThat(mine.size()).isEqualTo(3);
            for (JsonNode p : mine) {
                assertThat(p.get("photo").get("status").asText()).isEqualTo("tagged");
                assertThat(p.get("tags").size()).isEqualTo(1);
                OffsetDateTime uploaded = OffsetDateTime.parse(p.get("photo").get("uploadedAt").asText());
                assertThat(uploaded).isAfter(before).isBefore(OffsetDateTime.now().plusSeconds(5));
            }

            // The review queue: least confident first, filters by seller and label, then accept, correct, bulk accept.
            JsonNode queue = ShopHarness.json(max.get("/api/review/queue"));
            assertThat(queue.get("remaining").asLong()).isEqualTo(4);
            List<Double> confidences = new ArrayList<>();
            queue.get("queue").forEach(q -> confidences.add(q.get("tag").get("confidence").asDouble()));
            assertThat(confidences).isSorted();
            assertThat(ShopHarness.json(max.get("/api/review/queue?seller=sam")).get("remaining").asLong()).isEqualTo(3);
            String someLabel = queue.get("queue").get(0).get("tag").get("label").asText();
            JsonNode byLabel = ShopHarness.json(max.get("/api/review/queue?label=" + ShopHarness.enc(someLabel)));
            assertThat(byLabel.get("remaining").asLong()).isGreaterThanOrEqualTo(1);
            byLabel.get("queue").forEach(q -> assertThat(q.get("tag").get("label").asText()).isEqualTo(someLabel));

            long samTag = firstTagOfSeller(queue, "sam", 0);
            long samTag2 = firstTagOfSeller(queue, "sam", 1);
            assertThat(max.postJson("/api/tags/" + samTag + "/accept", Map.of()).statusCode()).isEqualTo(200);
            assertThat(max.postJson("/api/tags/" + samTag + "/accept", Map.of()).statusCode()).isEqualTo(409);
            String proposed = "";
            for (JsonNode q : queue.get("queue")) {
                if (q.get("tag").get("id").asLong() == samTag2) {
                    proposed = q.get("tag").get("label").asText();
                }
            }
            String wrong = proposed.equals("dress") ? "shoes" : "dress";
            HttpResponse<String> corrected = max.postJson("/api/tags/" + samTag2 + "/correct", Map.of("label", wrong));
            assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
            HttpResponse<String> bulk = max.postJson("/api/review/accept-above", Map.of("minConfidence", 0.0, "seller", "sam"));
            assertThat(ShopHarness.json(bulk).get("accepted").asInt()).isEqualTo(1);
            assertThat(ShopHarness.json(max.get("/api/review/queue")).get("remaining").asLong()).isEqualTo(1);

            // Every change recorded; accuracy per class and per day; the seller told their batch is verified.
            assertThat(count(url, "SELECT COUNT(*) FROM tag_changes")).isEqualTo(3);
            assertThat(count(url, "SELECT COUNT(*) FROM tag_changes WHERE action = 'correct'")).isEqualTo(1);
            JsonNode accuracy = ShopHarness.json(max.get("/api/review/accuracy"));
            long reviewed = 0;
            for (JsonNode c : accuracy.get("perClass")) {
                reviewed += c.get("reviewed").asLong();
            }
            assertThat(reviewed).isEqualTo(3);
            assertThat(accuracy.get("perDay").size()).isEqualTo(1);
            assertThat(accuracy.get("perDay").get(0).get("reviewed").asLong()).isEqualTo(3);
            assertThat(max.get("/review/accuracy").statusCode()).isEqualTo(200);
            assertThat(max.get("/review?seller=sue").statusCode()).isEqualTo(200);
            assertThat(count(url, "SELECT COUNT(*) FROM messages WHERE kind = 'notification' AND to_user = "
                    + "(SELECT id FROM users WHERE name = 'sam')")).isEqualTo(1);

            // The buyer sees the verified photos, not sue's unreviewed one.
            for (long id : photos) {
                assertThat(bea.get("/api/photos/" + id).statusCode()).isEqualTo(200);
            }
            long suePhoto = ShopHarness.json(other).get("results").get(0).get("photoId").asLong();
            assertThat(bea.get("/api/photos/" + suePhoto).statusCode()).isEqualTo(404);
            assertThat(sam.get("/seller").statusCode()).isEqualTo(200);
            assertThat(sam.delete("/api/session").statusCode()).isEqualTo(204);
        }

        // Started again on the same database: no migration runs twice, the bundle row is found again, the data is there.
        try (ShopHarness shop = ShopHarness.start(dir, url, UploadCheck.DEFAULT_MAX_BYTES)) {
            assertThat(count(url, "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL")).isEqualTo(MIGRATIONS.size());
            assertThat(count(url, "SELECT COUNT(*) FROM bundles")).isEqualTo(1);
            assertThat(count(url, "SELECT COUNT(*) FROM bundles WHERE serving")).isEqualTo(1);
            ShopHarness.Client sam = shop.anonymous();
            assertThat(sam.apiLogin("sam", ShopHarness.PASSWORD).statusCode()).isEqualTo(200);
            assertThat(ShopHarness.json(sam.get("/api/photos")).get("photos").size()).isEqualTo(3);
            assertThat(count(url, "SELECT COUNT(*) FROM tags")).isEqualTo(4);
            assertThat(count(url, "SELECT COUNT(*) FROM photos WHERE status = 'tagged' AND tagged_at >= uploaded_at")).isEqualTo(4);
        }
    }

    private static long firstTagOfSeller(JsonNode queue, String seller, int skip) {
        int seen = 0;
        for (JsonNode q : queue.get("queue")) {
            if (q.get("seller").asText().equals(seller) && seen++ == skip) {
                return q.get("tag").get("id").asLong();
            }
        }
        throw new AssertionError("no tag of " + seller + " in " + queue);
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
