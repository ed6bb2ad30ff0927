package org.vestis.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.auth.Role;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks that must fail against a real shop (Javalin on a free port, H2, the committed product bundle): other
 * roles' pages and APIs, other sellers' photos, unverified photos for buyers, state changes without the CSRF token or
 * with a wrong one, SQL injection in every text field that reaches SQL, path traversal and markup in file names,
 * non-images, decompression bombs, oversized uploads, a session cookie replayed after logout, session fixation, and
 * the cookies' and responses' security attributes. The server is started with a 1 MiB upload limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopSecurityTest {
    private static final long MAX_UPLOAD = 1L << 20;
    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "x'; DROP TABLE photos; --", "\" OR \"\"=\"",
            "1; DELETE FROM users", "%' OR 1=1 --", "\\'; UPDATE tags SET verified_label = 'pwned'; --",
            "sam' UNION SELECT password_hash FROM users --");

    @TempDir
    static Path dir;
    private ShopHarness shop;
    private ShopHarness.Client sam;
    private ShopHarness.Client sue;
    private ShopHarness.Client max;
    private ShopHarness.Client bea;
    private long samBatch;
    private long samPhoto;
    private long samTag;
    private long suePhoto;
    private int seed = 100;

    @BeforeAll
    void start() throws Exception {
        shop = ShopHarness.start(dir.resolve("data"), null, MAX_UPLOAD);
        sam = shop.login("sam", Role.SELLER);
        sue = shop.login("sue", Role.SELLER);
        max = shop.login("max", Role.MANAGER);
        bea = shop.login("bea", Role.BUYER);
        samBatch = sam.newBatch();
        samPhoto = uploaded(sam, samBatch, "shirt.jpg");
        suePhoto = uploaded(sue, sue.newBatch(), "dress.jpg");
        shop.awaitTagged(Duration.ofMinutes(3));
        samTag = tagsOf(samPhoto).get(0).get("id").asLong();
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private long uploaded(ShopHarness.Client seller, long batch, String name) {
        HttpResponse<String> r = seller.upload(batch, name, ShopHarness.jpeg(seed++));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ShopHarness.json(r).get("results").get(0).get("photoId").asLong();
    }

    private List<JsonNode> tagsOf(long photo) {
        List<JsonNode> out = new ArrayList<>();
        ShopHarness.json(max.get("/api/photos/" + photo)).get("tags").forEach(out::add);
        return out;
    }

    private long count(String sql) {
        return shop.services().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void assertError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + ": " + r.body()).isEqualTo(status);
        if (r.request().uri().getPath().startsWith("/api/")) {
            assertThat(ShopHarness.json(r).get("error").asText()).isNotBlank();
        }
    }

    @Test
    void sellersAndBuyersCannotReachManagerPagesOrApis() {
        for (ShopHarness.Client c : List.of(sam, bea)) {
            for (String path : List.of("/review", "/review/accuracy", "/api/review/queue", "/api/review/queue?label=shirt",
                    "/api/review/accuracy")) {
                assertError(c.get(path), 403);
            }
            assertError(c.postJson("/api/tags/" + samTag + "/accept", Map.of()), 403);
            assertError(c.postJson("/api/tags/" + samTag + "/correct", Map.of("label", "dress")), 403);
            assertError(c.postJson("/api/review/accept-above", Map.of("minConfidence", 0.0)), 403);
            assertError(c.postForm("/review/" + samTag + "/accept", Map.of("_csrf", c.csrf())), 403);
            assertError(c.postForm("/review/accept-above", Map.of("_csrf", c.csrf(), "min", "0")), 403);
        }
        // Buyers and managers are not sellers either.
        for (ShopHarness.Client c : List.of(bea, max)) {
            assertError(c.get("/seller"), 403);
            assertError(c.get("/api/photos"), 403);
            assertError(c.postJson("/api/batches", Map.of()), 403);
        }
        // Nobody logged in: the API says 401, pages send to the login.
        ShopHarness.Client anonymous = shop.anonymous();
        assertError(anonymous.get("/api/review/queue"), 401);
        assertError(anonymous.get("/api/photos/" + samPhoto), 401);
        assertError(anonymous.postJson("/api/tags/" + samTag + "/accept", Map.of(), "guess"), 401);
        HttpResponse<String> page = anonymous.get("/review");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(anonymous.get("/photos/" + samPhoto + "/image").statusCode()).isEqualTo(302);
        assertThat(count("SELECT COUNT(*) FROM tags WHERE verified_label IS NOT NULL AND photo_id IN (" + samPhoto + ", " + suePhoto + ")"))
                .isZero();
    }

    @Test
    void aSellerSeesOnlyTheirOwnPhotos() {
        HttpResponse<String> own = sam.get("/photos/" + samPhoto + "/image");
        assertThat(own.statusCode()).isEqualTo(200);
        for (String path : List.of("/api/photos/" + samPhoto, "/photos/" + samPhoto + "/image")) {
            HttpResponse<String> other = sue.get(path);
            assertError(other, 404);
            // Same answer as for a photo that does not exist: the id's existence is not given away.
            HttpResponse<String> none = sue.get(path.replace(String.valueOf(samPhoto), "999999"));
            assertError(none, 404);
        }
        assertThat(sue.get("/api/photos").body()).doesNotContain("\"id\":" + samPhoto + ",");
        assertThat(sue.get("/seller").body()).doesNotContain("/photos/" + samPhoto + "/image");
        // Nor can a seller upload into another seller's batch.
        assertError(sue.upload(samBatch, "intruder.jpg", ShopHarness.jpeg(seed++)), 404);
        assertThat(count("SELECT COUNT(*) FROM photos WHERE batch_id = " + samBatch)).isEqualTo(1);
    }

    @Test
    void aBuyerSeesOnlyVerifiedPhotos() throws Exception {
        long photo = uploaded(sam, sam.newBatch(), "unverified.jpg");
        assertError(bea.get("/api/photos/" + photo), 404);
        assertError(bea.get("/photos/" + photo + "/image"), 404);
        shop.awaitTagged(Duration.ofMinutes(2));
        assertError(bea.get("/api/photos/" + photo), 404); // tagged, not yet reviewed
        long tag = tagsOf(photo).get(0).get("id").asLong();
        assertThat(max.postJson("/api/tags/" + tag + "/accept", Map.of()).statusCode()).isEqualTo(200);
        assertThat(bea.get("/api/photos/" + photo).statusCode()).isEqualTo(200);
        assertThat(bea.get("/photos/" + photo + "/image").statusCode()).isEqualTo(200);
    }

    @Test
    void everyStateChangeNeedsTheSessionsCsrfToken() {
        ShopHarness.Client victim = shop.login("vic", Role.SELLER);
        long batches = count("SELECT COUNT(*) FROM batches");
        long photos = count("SELECT COUNT(*) FROM photos");
        String someoneElses = sam.csrf();
        for (String token : new String[] {null, "", "wrong-" + victim.csrf(), someoneElses}) {
            // The API: X-CSRF-Token header.
            assertError(victim.postJson("/api/batches", Map.of(), token), 403);
            assertError(victim.upload("/api/batches/" + samBatch + "/photos", "a.jpg", ShopHarness.jpeg(seed++), token, null), 403);
            assertError(max.postJson("/api/tags/" + samTag + "/accept", Map.of(), token), 403);
            assertError(max.postJson("/api/tags/" + samTag + "/correct", Map.of("label", "dress"), token), 403);
            assertError(max.postJson("/api/review/accept-above", Map.of("minConfidence", 0.0), token), 403);
            HttpRequest.Builder delete = victim.request("/api/session").DELETE();
            if (token != null) {
                delete.header("X-CSRF-Token", token);
            }
            assertError(victim.send(delete), 403);
            // The forms: _csrf field.
            Map<String, String> form = new LinkedHashMap<>();
            if (token != null) {
                form.put("_csrf", token);
            }
            assertError(victim.postForm("/logout", form), 403);
            assertError(victim.upload("/seller/upload", "a.jpg", ShopHarness.jpeg(seed++), null, token), 403);
            assertError(max.postForm("/review/" + samTag + "/accept", form), 403);
            Map<String, String> correct = new LinkedHashMap<>(form);
            correct.put("label", "dress");
            assertError(max.postForm("/review/" + samTag + "/correct", correct), 403);
            Map<String, String> above = new LinkedHashMap<>(form);
            above.put("min", "0");
            assertError(max.postForm("/review/accept-above", above), 403);
        }
        // Nothing changed, and the session is still alive.
        assertThat(count("SELECT COUNT(*) FROM batches")).isEqualTo(batches);
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos);
        assertThat(count("SELECT COUNT(*) FROM tag_changes WHERE tag_id = " + samTag)).isZero();
        assertThat(victim.get("/api/session").statusCode()).isEqualTo(200);
        // With the token the same calls work.
        assertThat(victim.postJson("/api/batches", Map.of()).statusCode()).isEqualTo(201);
        // The login form: its double-submit token must match its cookie.
        ShopHarness.Client stranger = shop.anonymous();
        stranger.get("/login");
        assertThat(stranger.cookie("vestis_login")).isNotNull();
        assertError(stranger.postForm("/login", Map.of("name", "sam", "password", ShopHarness.PASSWORD)), 403);
        assertError(stranger.postForm("/login", Map.of("_csrf", "forged", "name", "sam", "password", ShopHarness.PASSWORD)), 403);
        assertThat(stranger.cookie("vestis_session")).isNull();
        // The JSON login refuses a form (which a cross-site page could send without asking).
        assertError(stranger.postForm("/api/session", Map.of("name", "sam", "password", ShopHarness.PASSWORD)), 415);
    }

    @Test
    void sqlInjectionInEveryTextFieldIsJustText() {
        long users = count("SELECT COUNT(*) FROM users");
        long photos = count("SELECT COUNT(*) FROM photos");
        ShopHarness.Client attacker = shop.anonymous();
        for (String s : INJECTIONS) {
            // Login name and password, through the API and the form.
            assertError(attacker.apiLogin(s, s), 401);
            assertError(attacker.apiLogin("sam", s), 401);
            attacker.get("/login");
            String token = attacker.cookie("vestis_login");
            assertThat(attacker.postForm("/login", Map.of("_csrf", token, "name", s, "password", s)).statusCode()).isEqualTo(401);
            token = attacker.cookie("vestis_login"); // each login page has a fresh token
            assertThat(attacker.postForm("/login", Map.of("_csrf", token, "name", "sam", "password", s)).statusCode()).isEqualTo(401);
            // The review filters (label and seller), in the queue, the page and the bulk accept.
            String q = "label=" + ShopHarness.enc(s) + "&seller=" + ShopHarness.enc(s);
            JsonNode queue = ShopHarness.json(max.get("/api/review/queue?" + q));
            assertThat(queue.get("remaining").asLong()).isZero();
            assertThat(queue.get("queue").size()).isZero();
            assertThat(ShopHarness.json(max.get("/api/review/queue?seller=" + ShopHarness.enc(s))).get("remaining").asLong()).isZero();
            assertThat(max.get("/review?" + q).statusCode()).isEqualTo(200);
            HttpResponse<String> above = max.postJson("/api/review/accept-above", Map.of("minConfidence", 0.0, "label", s, "seller", s));
            assertThat(ShopHarness.json(above).get("accepted").asInt()).isZero();
            above = max.postJson("/api/review/accept-above", Map.of("minConfidence", 0.0, "seller", s));
            assertThat(ShopHarness.json(above).get("accepted").asInt()).isZero();
            // A corrected label: refused unless it is one of the bundle's classes.
            assertError(max.postJson("/api/tags/" + samTag + "/correct", Map.of("label", s)), 400);
            assertThat(max.postForm("/review/" + samTag + "/correct", Map.of("_csrf", max.csrf(), "label", s)).statusCode()).isEqualTo(400);
            // An uploaded file's name is stored as text and shown as text.
            HttpResponse<String> r = sam.upload(samBatch, s + ".jpg", ShopHarness.jpeg(seed++));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            long id = ShopHarness.json(r).get("results").get(0).get("photoId").asLong();
            String shown = ShopHarness.json(sam.get("/api/photos/" + id)).get("photo").get("fileName").asText();
            // (A browser sends a quote in a file name as %22, as the client here does.)
            String expected = (s + ".jpg").replace("\"", "%22").replace('\\', '/');
            assertThat(shown).isEqualTo(expected.substring(expected.lastIndexOf('/') + 1));
        }
        // The data is intact: every table is there, no account or photo went missing, nothing was verified by stealth.
        for (String table : List.of("users", "sessions", "batches", "photos", "tags", "tag_changes", "bundles", "jobs", "messages")) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).isGreaterThanOrEqualTo(0);
        }
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(users);
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos + INJECTIONS.size());
        assertThat(count("SELECT COUNT(*) FROM tags WHERE verified_label = 'pwned'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM tag_changes WHERE tag_id = " + samTag)).isZero();
        assertThat(sam.get("/api/session").statusCode()).isEqualTo(200);
    }

    @Test
    void fileNamesNeverBecomePathsOrMarkup() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("../../etc/passwd.jpg", "passwd.jpg");
        names.put("..\\..\\windows\\win.ini.jpg", "win.ini.jpg");
        names.put("/etc/shadow.jpg", "shadow.jpg");
        names.put("....//....//x.jpg", "x.jpg");
        names.put("<img src=x onerror=alert(1)>.jpg", "<img src=x onerror=alert(1)>.jpg");
        for (Map.Entry<String, String> e : names.entrySet()) {
            byte[] bytes = ShopHarness.jpeg(seed++);
            HttpResponse<String> r = sam.upload(samBatch, e.getKey(), bytes);
            assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(201);
            long id = ShopHarness.json(r).get("results").get(0).get("photoId").asLong();
            JsonNode photo = ShopHarness.json(sam.get("/api/photos/" + id)).get("photo");
            assertThat(photo.get("fileName").asText()).isEqualTo(e.getValue());
            // Stored under its hash in the data folder, nowhere else.
            String sha = photo.get("sha256").asText();
            assertThat(sha).isEqualTo(org.vestis.serve.photos.PhotoStore.sha256(bytes));
            assertThat(dir.resolve("data/photos").resolve(sha.substring(0, 2)).resolve(sha)).exists();
        }
        // Control characters cannot even pass in a multipart header: a clear 400, nothing stored.
        long photos = count("SELECT COUNT(*) FROM photos");
        HttpResponse<String> control = sam.upload(samBatch, "evil\u0007bell.jpg", ShopHarness.jpeg(seed++));
        assertError(control, 400);
        assertThat(ShopHarness.json(control).get("error").asText()).contains("multipart");
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos);
        assertThat(dir.resolve("etc")).doesNotExist();
        assertThat(dir.resolve("passwd.jpg")).doesNotExist();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .allMatch(p -> p.matches("data/photos/[0-9a-f]{2}/[0-9a-f]{64}") || p.matches("data/shop\\..*"));
        }
        // The seller's page prints names as text, never as markup.
        String page = sam.get("/seller").body();
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;.jpg").doesNotContain("<img src=x");
    }

    @Test
    void nonImagesAreRefusedWithAMessage() {
        long photos = count("SELECT COUNT(*) FROM photos");
        byte[] fakeJpeg = new byte[4096];
        new Random(1).nextBytes(fakeJpeg);
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        fakeJpeg[3] = (byte) 0xE0;
        byte[] realJpeg = ShopHarness.jpeg(seed++);
        List<byte[]> bad = List.of("just some text, not a photo".getBytes(StandardCharsets.UTF_8),
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8),
                "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8),
                fakeJpeg, java.util.Arrays.copyOf(realJpeg, 40), new byte[0]);
        for (byte[] b : bad) {
            HttpResponse<String> r = sam.upload(samBatch, "photo.jpg", b);
            assertThat(r.statusCode()).as(r.body()).isIn(400, 422);
            JsonNode body = ShopHarness.json(r);
            String message = body.has("results") ? body.get("results").get(0).get("message").asText() : body.get("error").asText();
            assertThat(message).isNotBlank();
        }
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos);
        // The page form says so too.
        String page = sam.upload("/seller/upload", "notes.jpg", bad.get(0), null, sam.csrf()).body();
        assertThat(page).contains("not an image");
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos);
    }

    @Test
    void decompressionBombsAreRefusedBeforeDecoding() {
        long photos = count("SELECT COUNT(*) FROM photos");
        byte[] png = bombPng(50_000, 50_000);
        assertThat(png.length).isLessThan(10_000);
        byte[] jpeg = withJpegSize(ShopHarness.jpeg(seed++), 65_000, 65_000);
        for (byte[] bomb : List.of(png, bombPng(10_000, 5_000), jpeg)) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = sam.upload(samBatch, "bomb.png", bomb);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(ShopHarness.json(r).get("results").get(0).get("message").asText()).contains("declares");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos);
        assertThat(sam.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedUploadsGet413AndTheServerKeepsServing() {
        long photos = count("SELECT COUNT(*) FROM photos");
        byte[] big = new byte[(int) (3 * MAX_UPLOAD)];
        new Random(2).nextBytes(big);
        byte[] head = ShopHarness.jpeg(seed++);
        System.arraycopy(head, 0, big, 0, head.length);
        // The API, with the token in the header.
        HttpResponse<String> r = sam.upload(samBatch, "big.jpg", big);
        assertError(r, 413);
        // The page's form, with the token in a field before the file.
        HttpResponse<String> form = sam.upload("/seller/upload", "big.jpg", big, null, sam.csrf());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(413);
        // Just over the limit, and far over it (past the whole request's limit).
        assertError(sam.upload(samBatch, "big.jpg", java.util.Arrays.copyOf(big, (int) MAX_UPLOAD + 1)), 413);
        byte[] huge = new byte[(int) (60 * MAX_UPLOAD)];
        HttpResponse<String> hugeAnswer = sam.upload(samBatch, "huge.jpg", huge);
        assertThat(hugeAnswer.statusCode()).as(hugeAnswer.body()).isEqualTo(413);
        assertThat(count("SELECT COUNT(*) FROM photos")).isEqualTo(photos);
        // Still serving: the health check and a normal upload.
        assertThat(sam.get("/health").statusCode()).isEqualTo(200);
        uploaded(sam, samBatch, "after.jpg");
    }

    @Test
    void aSessionCookieIsDeadAfterLogout() {
        ShopHarness.Client api = shop.login("leo", Role.SELLER);
        String stolen = api.cookie("vestis_session");
        assertThat(api.delete("/api/session").statusCode()).isEqualTo(204);
        ShopHarness.Client replay = shop.anonymous();
        replay.setCookie("vestis_session", stolen);
        assertError(replay.get("/api/session"), 401);
        assertError(replay.get("/api/photos"), 401);
        assertError(replay.postJson("/api/batches", Map.of(), api.csrf()), 401);
        HttpResponse<String> page = replay.get("/seller");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        // The form logout too.
        ShopHarness.Client form = shop.anonymous();
        assertThat(form.apiLogin("leo", ShopHarness.PASSWORD).statusCode()).isEqualTo(200);
        String stolen2 = form.cookie("vestis_session");
        assertThat(form.postForm("/logout", Map.of("_csrf", form.csrf())).statusCode()).isEqualTo(302);
        ShopHarness.Client replay2 = shop.anonymous();
        replay2.setCookie("vestis_session", stolen2);
        assertError(replay2.get("/api/session"), 401);
        assertThat(count("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.name = 'leo'")).isZero();
    }

    @Test
    void loggingInAlwaysGivesAFreshSessionCookie() {
        shop.createUser("fay", Role.SELLER);
        // An attacker plants a session cookie of their choosing (or their own real one) before the victim logs in.
        ShopHarness.Client planted = shop.anonymous();
        planted.setCookie("vestis_session", "attacker-chosen-token");
        planted.get("/login");
        String token = planted.cookie("vestis_login");
        HttpResponse<String> r = planted.postForm("/login", Map.of("_csrf", token, "name", "fay", "password", ShopHarness.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/seller");
        String fresh = planted.cookie("vestis_session");
        assertThat(fresh).isNotNull().isNotEqualTo("attacker-chosen-token");
        ShopHarness.Client stillPlanted = shop.anonymous();
        stillPlanted.setCookie("vestis_session", "attacker-chosen-token");
        assertError(stillPlanted.get("/api/session"), 401);
        // Logging in again over a live session (the attacker's own, say, in the victim's browser) replaces it and ends it.
        ShopHarness.Client browser = shop.anonymous();
        assertThat(browser.apiLogin("fay", ShopHarness.PASSWORD).statusCode()).isEqualTo(200);
        String first = browser.cookie("vestis_session");
        assertThat(browser.apiLogin("fay", ShopHarness.PASSWORD).statusCode()).isEqualTo(200);
        String second = browser.cookie("vestis_session");
        assertThat(second).isNotEqualTo(first).isNotEqualTo(fresh);
        ShopHarness.Client old = shop.anonymous();
        old.setCookie("vestis_session", first);
        assertError(old.get("/api/session"), 401);
        // The database keeps only hashes of the tokens.
        assertThat(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + second + "'")).isZero();
    }

    @Test
    void cookiesAreHttpOnlyAndSameSiteStrict() {
        ShopHarness.Client c = shop.anonymous();
        HttpResponse<String> loginPage = c.get("/login");
        shop.createUser("gus", Role.BUYER);
        HttpResponse<String> login = c.apiLogin("gus", ShopHarness.PASSWORD);
        List<String> setCookies = new ArrayList<>(loginPage.headers().allValues("Set-Cookie"));
        setCookies.addAll(login.headers().allValues("Set-Cookie"));
        assertThat(setCookies).anyMatch(s -> s.startsWith("vestis_session=")).anyMatch(s -> s.startsWith("vestis_login="));
        for (String s : setCookies) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            assertThat(lower).as(s).contains("httponly").contains("samesite=strict").contains("path=/");
        }
    }

    @Test
    void securityHeadersOnEveryKindOfResponse() {
        List<HttpResponse<String>> responses = List.of(shop.anonymous().get("/login"), sam.get("/seller"),
                sam.get("/photos/" + samPhoto + "/image"), sam.get("/api/photos"), sam.get("/review"), sue.get("/api/photos/" + samPhoto),
                sam.get("/no/such/page"), sam.postJson("/api/batches", Map.of(), null), shop.anonymous().get("/api/photos"));
        for (HttpResponse<String> r : responses) {
            String what = r.request().uri() + " (" + r.statusCode() + ")";
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(v ->
                    assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).isPresent();
        }
        assertThat(sam.get("/photos/" + samPhoto + "/image").headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(sam.get("/photos/" + samPhoto + "/image").headers().firstValue("Cache-Control").orElse("")).contains("private");
    }

    /** A PNG with a valid header declaring width x height RGB pixels and a few kilobytes of compressed zeros. */
    static byte[] bombPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1 << 20]); // the first rows: a megabyte of zeros in about a kilobyte
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        int n = deflater.deflate(buf);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The JPEG with its frame header (SOF0) rewritten to declare width x height. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 9 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xC0) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new IllegalArgumentException("no SOF0 marker");
    }

    @SuppressWarnings("unused")
    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }
}
