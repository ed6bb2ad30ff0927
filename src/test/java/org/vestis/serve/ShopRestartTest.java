package org.vestis.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.auth.Accounts;
import org.vestis.serve.auth.Role;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.PhotoStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `vestis serve` as a real child process (same classpath), killed with SIGKILL while it tags a batch and while a
 * seller still uploads, then started again on the same data folder: every photo whose upload was acknowledged is
 * there (row and file), and every photo is tagged exactly once (one tag, no duplicates, none failed).
 */
class ShopRestartTest {
    private static final Pattern LISTENING = Pattern.compile("Vestis shop on (http://[0-9.]+:\\d+)/");
    private static final int FIRST = 24;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void killedWhileTaggingThenRestartedTagsEveryAcknowledgedPhotoOnce() throws Exception {
        Path data = dir.resolve("data");
        try (ShopDatabase db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null)) {
            new Accounts(db.jdbi()).create("sam", Role.SELLER, ShopHarness.PASSWORD.toCharArray());
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Child first = Child.start(data, dir.resolve("first.log"));
        long taggedAtKill;
        try {
            ShopHarness.Client sam = new ShopHarness.Client(first.base);
            assertThat(sam.apiLogin("sam", ShopHarness.PASSWORD).statusCode()).isEqualTo(200);
            long batch = sam.newBatch();
            for (int i = 0; i < FIRST; i++) {
                upload(sam, batch, i, acknowledged);
            }
            // A second batch keeps arriving while the server dies.
            long batch2 = sam.newBatch();
            Thread uploader = new Thread(() -> {
                try {
                    for (int i = FIRST; i < FIRST + 200; i++) {
                        upload(sam, batch2, i, acknowledged);
                        Thread.sleep(20);
                    }
                } catch (RuntimeException | InterruptedException e) {
                    // the server was killed under this upload
                }
            });
            uploader.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            do {
                Thread.sleep(50);
                taggedAtKill = tagged(sam);
            } while (taggedAtKill < 3 && System.nanoTime() < deadline);
            assertThat(taggedAtKill).as("photos tagged before the kill").isBetween(1L, (long) FIRST - 1);
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no closing of anything
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            uploader.join(60_000);
        } finally {
            first.process.destroyForcibly();
        }

        // Dead mid-way: some photos still queued, every acknowledged upload recorded with its file.
        try (ShopDatabase db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null)) {
            long queued = count(db, "SELECT COUNT(*) FROM photos WHERE status = 'queued'");
            System.out.printf("Killed with %d uploads acknowledged, %d photos tagged and %d queued.%n", acknowledged.size(),
                    count(db, "SELECT COUNT(*) FROM photos WHERE status = 'tagged'"), queued);
            assertThat(queued).as("queued at the kill").isPositive();
            assertAcknowledgedStored(db, data, acknowledged);
        }

        Child second = Child.start(data, dir.resolve("second.log"));
        try {
            ShopHarness.Client health = new ShopHarness.Client(second.base);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (ShopHarness.json(health.get("/health")).get("queued").asLong() > 0) {
                assertThat(System.nanoTime()).as("tagging after the restart finishes").isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            second.process.destroy();
            second.process.waitFor(30, TimeUnit.SECONDS);
            second.process.destroyForcibly();
        }

        try (ShopDatabase db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null)) {
            assertAcknowledgedStored(db, data, acknowledged);
            long photos = count(db, "SELECT COUNT(*) FROM photos");
            assertThat(photos).isGreaterThanOrEqualTo(acknowledged.size()).isGreaterThan(FIRST);
            assertThat(count(db, "SELECT COUNT(*) FROM photos WHERE status = 'tagged'")).isEqualTo(photos);
            assertThat(count(db, "SELECT COUNT(*) FROM tags")).isEqualTo(photos);
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT photo_id FROM tags GROUP BY photo_id HAVING COUNT(*) <> 1) x")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM photos p WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.photo_id = p.id)")).isZero();
            assertThat(count(db, "SELECT COUNT(DISTINCT sha256) FROM photos")).isEqualTo(photos);
        }
        assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain("could not be tagged");
    }

    private static void upload(ShopHarness.Client sam, long batch, int i, Set<String> acknowledged) {
        byte[] bytes = ShopHarness.jpeg(1000 + i);
        HttpResponse<String> r = sam.upload(batch, "p" + i + ".jpg", bytes);
        if (r.statusCode() == 201) {
            acknowledged.add(PhotoStore.sha256(bytes));
        } else {
            throw new IllegalStateException("upload " + i + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static long tagged(ShopHarness.Client sam) {
        long n = 0;
        for (JsonNode p : ShopHarness.json(sam.get("/api/photos")).get("photos")) {
            n += p.get("photo").get("status").asText().equals("tagged") ? 1 : 0;
        }
        return n;
    }

    private static void assertAcknowledgedStored(ShopDatabase db, Path data, Set<String> acknowledged) {
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("SELECT sha256 FROM photos").mapTo(String.class).list());
        assertThat(stored).containsAll(acknowledged);
        PhotoStore files = new PhotoStore(data);
        for (String sha : acknowledged) {
            assertThat(files.path(sha)).exists();
        }
    }

    private static long count(ShopDatabase db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** A `vestis serve` child on a free port; its output goes to a log file. */
    private record Child(Process process, URI base) {
        static Child start(Path data, Path log) throws Exception {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                    "-Djava.awt.headless=true", "-Dvestis.home=" + Path.of("").toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"), "org.vestis.cli.VestisCommand", "serve",
                    "--data-dir", data.toString(), "--port", "0", "--garment-bundle", "none")
                    .redirectErrorStream(true).start();
            CompletableFuture<URI> base = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        out.println(line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            base.complete(URI.create(m.group(1)));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    base.completeExceptionally(new IllegalStateException("vestis serve ended before listening; see " + log));
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                return new Child(p, base.get(3, TimeUnit.MINUTES));
            } catch (Exception e) {
                p.destroyForcibly();
                throw e;
            }
        }
    }
}
