package org.vestis.serve.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.UploadCheck;
import org.vestis.serve.retrain.JobRecords;
import org.vestis.serve.retrain.RetrainSettings;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retrain loop through the real server: a seller uploads real product photos, the committed bundle tags them, a
 * manager reviews them, retrains (1 epoch, in a child JVM), sees the new bundle with its parent and comparison,
 * switches to it (new uploads are tagged by it) and back.
 */
class RetrainFlowTest {
    private static final Path PHOTOS = Path.of("src/test/resources/clothing-photos/train");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private ShopDatabase db;
    private ShopServices services;
    private ShopServer server;

    @BeforeEach
    void start() {
        db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null);
        ServingBundles bundles = new ServingBundles(db.jdbi(), Path.of("models/clothing-mobilenetv2"), null);
        services = new ShopServices(data, db, bundles, new UploadCheck(20L << 20, UploadCheck.DEFAULT_MAX_PIXELS),
                new RetrainSettings(1, 0, 0, 5)).start();
        server = new ShopServer(services).start("127.0.0.1", 0);
        services.accounts().create("ann", Role.MANAGER, "password-123".toCharArray());
        services.accounts().create("sam", Role.SELLER, "password-123".toCharArray());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void managerRetrainsFromReviewedItemsComparesAndSwitchesBackAndForth() throws Exception {
        Client sam = new Client("sam");
        Client ann = new Client("ann");

        // Five photos each of three classes, two of a fourth (too few to be trained).
        Map<Long, String> truth = new HashMap<>();
        long batch = sam.post("/api/batches", null).get("batchId").asLong();
        for (String label : List.of("pants", "shoes", "t-shirt", "dress")) {
            for (Path f : files(label, label.equals("dress") ? 2 : 5)) {
                truth.put(sam.upload(batch, f), label);
            }
        }
        waitUntilTagged();

        // Review: accept the right proposals, correct the wrong ones.
        JsonNode queue = ann.get("/api/review/queue?limit=100").get("queue");
        assertThat(queue).hasSize(17);
        for (JsonNode item : queue) {
            JsonNode tag = item.get("tag");
            String right = truth.get(tag.get("photoId").asLong());
            if (tag.get("label").asText().equals(right)) {
                ann.post("/api/tags/" + tag.get("id").asLong() + "/accept", null);
            } else {
                ann.post("/api/tags/" + tag.get("id").asLong() + "/correct", Map.of("label", right));
            }
        }
        JsonNode available = ann.get("/api/retrain").get("available");
        assertThat(available.get("reviewed").asInt()).isEqualTo(17);
        assertThat(JSON.convertValue(available.get("trainable"), List.class)).containsExactly("pants", "shoes", "t-shirt");
        assertThat(available.get("tooFew").get("dress").asInt()).isEqualTo(2);

        // Start it; a request without the CSRF token and a second retrain are refused.
        assertThat(ann.send("POST", "/api/retrain", null, false).statusCode()).isEqualTo(403);
        HttpResponse<String> started = ann.send("POST", "/api/retrain", null, true);
        assertThat(started.statusCode()).isEqualTo(202);
        long jobId = JSON.readTree(started.body()).get("job").get("id").asLong();
        HttpResponse<String> second = ann.send("POST", "/api/retrain", null, true);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("error").asText()).contains("already running");
        assertThat(sam.send("POST", "/api/retrain", null, true).statusCode()).isEqualTo(403);

        long t0 = System.nanoTime();
        JsonNode job = ann.get("/api/jobs/" + jobId).get("job");
        double lastProgress = 0;
        while (job.get("status").asText().equals("running")) {
            assertThat(job.get("progress").asDouble()).isGreaterThanOrEqualTo(lastProgress);
            lastProgress = job.get("progress").asDouble();
            Thread.sleep(1000);
            job = ann.get("/api/jobs/" + jobId).get("job");
        }
        System.out.printf("retrain job: %.1f s for 15 reviewed items of 3 classes, 1 epoch%n", (System.nanoTime() - t0) / 1e9);
        assertThat(job.get("status").asText()).as(job.get("message").asText()).isEqualTo("done");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        long newId = job.get("bundleId").asLong();

        // Listed with its parent, data and comparison; not serving.
        JsonNode bundles = ann.get("/api/bundles").get("bundles");
        assertThat(bundles).hasSize(2);
        JsonNode original = bundles.get(0);
        JsonNode fresh = bundles.get(1);
        assertThat(original.get("parentId").isNull()).isTrue();
        assertThat(original.get("serving").asBoolean()).isTrue();
        assertThat(fresh.get("id").asLong()).isEqualTo(newId);
        assertThat(fresh.get("parentId").asLong()).isEqualTo(original.get("id").asLong());
        assertThat(fresh.get("parentName").asText()).isEqualTo("clothing-mobilenetv2");
        assertThat(fresh.get("serving").asBoolean()).isFalse();
        assertThat(fresh.get("dataNote").asText()).contains("Retrain job " + jobId, "15 reviewed items", "dress 2");
        assertThat(JSON.convertValue(fresh.get("labels"), List.class)).containsExactly("pants", "shoes", "t-shirt");
        JsonNode comparison = fresh.get("comparison");
        assertThat(comparison.get("heldOut").asInt()).isEqualTo(3);
        assertThat(comparison.get("perClass")).hasSize(3);
        assertThat(comparison.get("servingId").asLong()).isEqualTo(original.get("id").asLong());
        assertThat(Files.isRegularFile(data.resolve("retrain/job-" + jobId + "/images/split.csv"))).isTrue();

        String page = ann.send("GET", "/models", null, false).body();
        assertThat(page).contains(fresh.get("name").asText(), "Serve this one", "held-out items", "/static/models.js");

        // Switch to it: new uploads are tagged by it. Then back.
        ann.post("/api/bundles/" + newId + "/serve", null);
        long a = sam.upload(batch, PHOTOS.getParent().resolve("validation/shoes/5e577f40-dd22-4b40-9827-ce6cae5ac3fd.jpg"));
        waitUntilTagged();
        assertThat(bundleOf(a)).isEqualTo(newId);
        assertThat(services.photos().tags(a).get(0).label()).isIn("pants", "shoes", "t-shirt");

        ann.post("/api/bundles/" + original.get("id").asLong() + "/serve", null);
        long b = sam.upload(batch, PHOTOS.getParent().resolve("validation/pants/24eb8ba7-065a-4493-8fa6-b3afa89751f6.jpg"));
        waitUntilTagged();
        assertThat(bundleOf(b)).isEqualTo(original.get("id").asLong());
        assertThat(ann.get("/api/bundles").get("bundles").get(0).get("serving").asBoolean()).isTrue();
    }

    @Test
    void aJobLeftRunningByAStoppedServerIsMarkedFailedAtTheNextStart() {
        long user = services.accounts().login("ann", "password-123".toCharArray()).orElseThrow().id();
        long id = db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO jobs(kind, status, progress, started_by, started_at) "
                        + "VALUES ('retrain', 'running', 0.4, :u, :now)").bind("u", user).bind("now", OffsetDateTime.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());

        assertThat(services.retraining().failLeftRunning()).isEqualTo(1);

        JobRecords.Job job = services.retraining().jobs().find(id).orElseThrow();
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.message()).contains("stopped with the server");
        assertThat(job.finishedAt()).isNotNull();
    }

    @Test
    void retrainingIsRefusedWithoutEnoughReviewedItems() throws Exception {
        Client ann = new Client("ann");
        HttpResponse<String> r = ann.send("POST", "/api/retrain", null, true);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("at least 5 reviewed items");
        assertThat(ann.send("POST", "/api/bundles/99/serve", null, true).statusCode()).isEqualTo(404);
        assertThat(ann.send("GET", "/api/jobs/99", null, false).statusCode()).isEqualTo(404);
    }

    private long bundleOf(long photoId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT bundle_id FROM photos WHERE id = :id").bind("id", photoId)
                .mapTo(Long.class).one());
    }

    private void waitUntilTagged() throws InterruptedException {
        services.tagging().wake();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (services.photos().count("queued") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(services.photos().count("queued")).isZero();
        assertThat(services.photos().count("failed")).isZero();
    }

    private static List<Path> files(String label, int n) throws Exception {
        try (Stream<Path> files = Files.list(PHOTOS.resolve(label))) {
            return files.sorted().limit(n).toList();
        }
    }

    /** One logged-in user: a cookie jar and the session's CSRF token. */
    private final class Client {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String csrf;

        Client(String name) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name, "password", "password-123"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            csrf = JSON.readTree(r.body()).get("csrfToken").asText();
        }

        HttpResponse<String> send(String method, String path, Object body, boolean withCsrf) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
            if (withCsrf) {
                b.header("X-CSRF-Token", csrf);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> r = send("GET", path, null, false);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        JsonNode post(String path, Object body) throws Exception {
            HttpResponse<String> r = send("POST", path, body, true);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 202);
            return JSON.readTree(r.body());
        }

        /** Uploads one photo (multipart field "photo"); returns its id. */
        long upload(long batch, Path file) throws Exception {
            String boundary = "----vestis" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + file.getFileName()
                    + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/batches/" + batch + "/photos"))
                    .header("X-CSRF-Token", csrf).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return JSON.readTree(r.body()).get("results").get(0).get("photoId").asLong();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
