package org.vestis.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.User;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.UploadCheck;
import org.vestis.serve.web.ShopServer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A real shop for the security, PostgreSQL and restart tests (ShopTestServer serves the feature tests; this one gives
 * finer control of cookies, CSRF tokens and raw multipart bodies): ShopServices and ShopServer on a free port, H2 in a folder (or any JDBC URL), the committed
 * clothing-mobilenetv2 bundle and no garment bundle. {@link #login} gives an HTTP client per user (own cookies, API
 * login, the session's CSRF token sent as X-CSRF-Token unless a call says otherwise).
 */
public final class ShopHarness implements AutoCloseable {
    public static final String PASSWORD = "a-long-test-password";
    public static final Path PRODUCT_BUNDLE = Path.of("models/clothing-mobilenetv2");
    static final ObjectMapper JSON = new ObjectMapper();

    private final ShopDatabase database;
    private final ShopServices services;
    private final ShopServer server;
    private final URI base;

    private ShopHarness(ShopDatabase database, ShopServices services, ShopServer server) {
        this.database = database;
        this.services = services;
        this.server = server;
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    /** A shop with H2 in {@code dataDir} and the default upload limits. */
    public static ShopHarness start(Path dataDir) {
        return start(dataDir, null, UploadCheck.DEFAULT_MAX_BYTES);
    }

    /** A shop on {@code jdbcUrl} (null: H2 in {@code dataDir}), taking uploads up to {@code maxUploadBytes}. */
    public static ShopHarness start(Path dataDir, String jdbcUrl, long maxUploadBytes) {
        ShopDatabase db = ShopDatabase.open(jdbcUrl != null ? jdbcUrl : ShopDatabase.embeddedUrl(dataDir), null, null);
        ShopServices services = null;
        try {
            ServingBundles bundles = new ServingBundles(db.jdbi(), PRODUCT_BUNDLE, null);
            services = new ShopServices(dataDir, db, bundles, new UploadCheck(maxUploadBytes, UploadCheck.DEFAULT_MAX_PIXELS)).start();
            ShopServer server = new ShopServer(services).start("127.0.0.1", 0);
            return new ShopHarness(db, services, server);
        } catch (RuntimeException e) {
            if (services != null) {
                services.close();
            }
            db.close();
            throw e;
        }
    }

    public ShopServices services() {
        return services;
    }

    public URI base() {
        return base;
    }

    public User createUser(String name, Role role) {
        return services.accounts().create(name, role, PASSWORD.toCharArray());
    }

    /** A client with no session yet. */
    public Client anonymous() {
        return new Client(base);
    }

    /** Creates the account and logs it in through the API. */
    public Client login(String name, Role role) {
        createUser(name, role);
        Client c = anonymous();
        HttpResponse<String> r = c.apiLogin(name, PASSWORD);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + name + " answered " + r.statusCode() + ": " + r.body());
        }
        return c;
    }

    /** Waits until no photo is queued (the tagger has caught up). */
    public void awaitTagged(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (services.photos().count("queued") > 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError("photos still queued after " + timeout);
            }
            services.tagging().wake();
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        server.close();
        services.close();
        database.close();
    }

    /** A distinct small JPEG: a coloured rectangle on a background chosen by {@code seed}. */
    public static byte[] jpeg(long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(96, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(r.nextInt(0xffffff)));
        g.fillRect(0, 0, 96, 128);
        g.setColor(new Color(r.nextInt(0xffffff)));
        g.fillRect(16 + r.nextInt(16), 16 + r.nextInt(16), 48, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One user's browser: its own cookie jar and the session's CSRF token. */
    public static final class Client {
        private final URI base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;
        private String csrf;

        Client(URI base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        public String csrf() {
            return csrf;
        }

        /** The value of a cookie this client holds, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                    .findFirst().orElse(null);
        }

        /** Puts a cookie into the jar by hand (to replay a stolen one). */
        public void setCookie(String name, String value) {
            HttpCookie c = new HttpCookie(name, value);
            c.setPath("/");
            c.setVersion(0);
            cookies.getCookieStore().add(base, c);
        }

        public HttpResponse<String> apiLogin(String name, String password) {
            HttpResponse<String> r = send(request("/api/session").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", name, "password", password)))));
            if (r.statusCode() == 200) {
                csrf = json(r).get("csrfToken").asText();
            }
            return r;
        }

        public HttpResponse<String> get(String path) {
            return send(request(path).GET());
        }

        /** POST of a JSON body with this session's CSRF token. */
        public HttpResponse<String> postJson(String path, Object body) {
            return postJson(path, body, csrf);
        }

        /** POST of a JSON body with the given CSRF header (null: none). */
        public HttpResponse<String> postJson(String path, Object body, String csrfToken) {
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)));
            if (csrfToken != null) {
                b.header("X-CSRF-Token", csrfToken);
            }
            return send(b);
        }

        /** POST of a urlencoded form; the fields carry their own _csrf if wanted. */
        public HttpResponse<String> postForm(String path, Map<String, String> fields) {
            StringBuilder body = new StringBuilder();
            fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        /** DELETE with this session's CSRF token. */
        public HttpResponse<String> delete(String path) {
            return send(request(path).header("X-CSRF-Token", String.valueOf(csrf)).DELETE());
        }

        /** A new batch of this seller's; its id. */
        public long newBatch() {
            HttpResponse<String> r = postJson("/api/batches", Map.of());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("new batch answered " + r.statusCode() + ": " + r.body());
            }
            return json(r).get("batchId").asLong();
        }

        /** Uploads one file in the multipart field "photo" with this session's CSRF header. */
        public HttpResponse<String> upload(long batch, String fileName, byte[] bytes) {
            return upload("/api/batches/" + batch + "/photos", fileName, bytes, csrf, null);
        }

        /**
         * A multipart POST of one file in the field "photo" to {@code path}, with the CSRF header {@code headerCsrf}
         * (null: none) and a {@code _csrf} form field {@code fieldCsrf} (null: none).
         */
        public HttpResponse<String> upload(String path, String fileName, byte[] bytes, String headerCsrf, String fieldCsrf) {
            String boundary = "----vestis" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (fieldCsrf != null) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + fieldCsrf + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
                    + fileName.replace("\"", "%22") + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder b = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (headerCsrf != null) {
                b.header("X-CSRF-Token", headerCsrf);
            }
            return send(b);
        }

        public HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        }

        public HttpClient http() {
            return http;
        }
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
