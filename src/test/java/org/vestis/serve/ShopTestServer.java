package org.vestis.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vestis.io.ProjectRoot;
import org.vestis.serve.auth.Role;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.UploadCheck;
import org.vestis.serve.web.ShopServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real shop for tests: an H2 database in a temporary folder, the committed product bundle (and optionally the garment
 * bundle), the tagging worker and the web server on a free port. {@link #login} gives an HTTP client with that
 * user's session cookie and CSRF token; helpers upload photos, wait for tagging and review tags as a manager.
 * Start one per test class ({@code @BeforeAll}) and close it after: loading the model takes seconds.
 */
public final class ShopTestServer implements AutoCloseable {
    public static final String PASSWORD = "password-123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopDatabase database;
    private final ShopServices services;
    private final ShopServer server;
    private final String base;

    private ShopTestServer(Path dataDir, boolean people) {
        ProjectRoot root = ProjectRoot.find();
        this.database = ShopDatabase.open(ShopDatabase.embeddedUrl(dataDir), null, null);
        ServingBundles bundles = new ServingBundles(database.jdbi(), root.resolve("models/clothing-mobilenetv2"),
                people ? root.resolve("models/garments-regions") : null);
        this.services = new ShopServices(dataDir, database, bundles, new UploadCheck(20L << 20, UploadCheck.DEFAULT_MAX_PIXELS)).start();
        this.server = new ShopServer(services).start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** A shop that tags every photo as a product (no garment model: quick to start). */
    public static ShopTestServer start(Path dataDir) {
        return new ShopTestServer(dataDir, false);
    }

    /** A shop that also finds people and tags their five garment slots. */
    public static ShopTestServer startWithPeople(Path dataDir) {
        return new ShopTestServer(dataDir, true);
    }

    public ShopServices services() {
        return services;
    }

    public String base() {
        return base;
    }

    /** Creates an account with {@link #PASSWORD}. */
    public void createUser(String name, Role role) {
        services.accounts().create(name, role, PASSWORD.toCharArray());
    }

    /** Logs in through the API; the client keeps the session cookie. */
    public Client login(String name) {
        return login(name, PASSWORD);
    }

    public Client login(String name, String password) {
        Client c = new Client(base);
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(c.uri("/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", name, "password", password)))).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Login of " + name + " failed: " + r.statusCode() + " " + r.body());
        }
        c.csrf = c.json(r).get("csrfToken").asText();
        return c;
    }

    /** Uploads photo files as one new batch of this seller; returns the photo ids. */
    public List<Long> upload(Client seller, Path... files) {
        long batch = seller.json(seller.post("/api/batches", "")).get("batchId").asLong();
        List<Long> ids = new ArrayList<>();
        for (Path f : files) {
            HttpResponse<String> r = seller.multipart("/api/batches/" + batch + "/photos", "photo", f);
            ids.add(seller.json(r).get("results").get(0).get("photoId").asLong());
        }
        return ids;
    }

    /** Waits until the tagging worker has tagged (or failed) every uploaded photo. */
    public void awaitTagging(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (services.photos().count("queued") > 0) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Photos still queued after " + timeout);
            }
            services.tagging().wake();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reviews every tag of a photo as this manager: accepts it, or corrects it to {@code label} when given. */
    public void verify(Client manager, long photoId, String label) {
        for (var t : services.photos().tags(photoId)) {
            HttpResponse<String> r = label == null ? manager.post("/api/tags/" + t.id() + "/accept", "")
                    : manager.post("/api/tags/" + t.id() + "/correct", json(Map.of("label", label)));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Review of tag " + t.id() + " failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        services.close();
        database.close();
    }

    /** An HTTP client with one user's cookies; sends the CSRF token on state-changing requests unless told not to. */
    public static final class Client {
        private final String base;
        private final HttpClient http;
        private String csrf;

        Client(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        public String csrf() {
            return csrf;
        }

        public URI uri(String path) {
            return URI.create(base + path);
        }

        public HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        /** POSTs JSON with the CSRF header. */
        public HttpResponse<String> post(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        /** POSTs JSON without any CSRF token. */
        public HttpResponse<String> postWithoutCsrf(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        /** POSTs a form as a page does, with the {@code _csrf} field when {@code withCsrf}. */
        public HttpResponse<String> postForm(String path, Map<String, String> fields, boolean withCsrf) {
            StringBuilder body = new StringBuilder(withCsrf ? "_csrf=" + enc(csrf) : "");
            fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        }

        public HttpResponse<String> multipart(String path, String field, Path file) {
            String boundary = "----vestis" + UUID.randomUUID();
            try {
                byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
                byte[] content = Files.readAllBytes(file);
                byte[] all = new byte[head.length + content.length + tail.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(content, 0, all, head.length, content.length);
                System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
                return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofByteArray(all)).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public JsonNode json(HttpResponse<String> response) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + response.body(), e);
            }
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
