package org.vestis.serve.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.ShopTestServer;
import org.vestis.serve.auth.Role;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The buyers' catalogue on a real server: verified items only, filters, item pages, images and feedback. */
class CatalogueRoutesTest {
    private static final Path PHOTOS = Path.of("src/test/resources/photos");

    @TempDir
    static Path data;
    static ShopTestServer shop;
    static ShopTestServer.Client manager;
    static ShopTestServer.Client seller;
    static ShopTestServer.Client otherSeller;
    static ShopTestServer.Client buyer;
    static long dress;
    static long pants;
    static long shoes;
    static long tshirt;

    @BeforeAll
    static void start() {
        shop = ShopTestServer.start(data);
        shop.createUser("mia", Role.MANAGER);
        shop.createUser("sam", Role.SELLER);
        shop.createUser("sue", Role.SELLER);
        shop.createUser("bob", Role.BUYER);
        manager = shop.login("mia");
        seller = shop.login("sam");
        otherSeller = shop.login("sue");
        buyer = shop.login("bob");
        List<Long> sams = shop.upload(seller, PHOTOS.resolve("dress.jpg"), PHOTOS.resolve("pants.jpg"), PHOTOS.resolve("shoes.jpg"));
        dress = sams.get(0);
        pants = sams.get(1);
        shoes = sams.get(2); // never reviewed: not in the catalogue
        tshirt = shop.upload(otherSeller, PHOTOS.resolve("t-shirt.jpg")).get(0);
        shop.awaitTagging(Duration.ofMinutes(3));
        shop.verify(manager, dress, "dress");
        shop.verify(manager, pants, "pants");
        shop.verify(manager, tshirt, "t-shirt");
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String colourOf(long photo) {
        return shop.services().photos().tags(photo).get(0).colour();
    }

    @Test
    void catalogueShowsOnlyVerifiedItems() {
        HttpResponse<String> api = buyer.get("/api/catalogue");
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode page = buyer.json(api);
        assertThat(ids(page)).containsExactly(tshirt, pants, dress);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("tags").get(0).get("label").asText()).isEqualTo("t-shirt");
        assertThat(first.get("imageUrl").asText()).isEqualTo("/catalogue/" + tshirt + "/image");
        assertThat(first.toString()).doesNotContain("confidence", "sha256");

        HttpResponse<String> html = buyer.get("/catalogue");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("id=\"item-" + dress + "\"", "id=\"item-" + pants + "\"", "id=\"item-" + tshirt + "\"")
                .doesNotContain("id=\"item-" + shoes + "\"");
        // sellers and managers browse it too
        assertThat(ids(seller.json(seller.get("/api/catalogue")))).containsExactly(tshirt, pants, dress);
        assertThat(manager.get("/catalogue").statusCode()).isEqualTo(200);
    }

    @Test
    void filtersByClassAndColour() {
        assertThat(ids(buyer.json(buyer.get("/api/catalogue?label=pants")))).containsExactly(pants);
        assertThat(ids(buyer.json(buyer.get("/api/catalogue?label=shoes")))).isEmpty(); // proposed, never verified

        String colour = colourOf(dress);
        List<Long> sameColour = ids(buyer.json(buyer.get("/api/catalogue?colour=" + enc(colour))));
        assertThat(sameColour).contains(dress).allSatisfy(id -> assertThat(colourOf(id)).isEqualTo(colour));
        assertThat(ids(buyer.json(buyer.get("/api/catalogue?label=dress&colour=" + enc(colour))))).containsExactly(dress);
        assertThat(ids(buyer.json(buyer.get("/api/catalogue?label=pants&colour=no-such-colour")))).isEmpty();

        JsonNode late = buyer.json(buyer.get("/api/catalogue?page=99"));
        assertThat(late.get("page").asInt()).isEqualTo(1);
        assertThat(late.get("pages").asInt()).isEqualTo(1);
        assertThat(buyer.get("/api/catalogue?page=x").statusCode()).isEqualTo(200);

        HttpResponse<String> html = buyer.get("/catalogue?label=pants");
        assertThat(html.body()).contains("id=\"item-" + pants + "\"").doesNotContain("id=\"item-" + dress + "\"")
                .contains("<option value=\"pants\" selected=\"selected\">pants</option>");
    }

    @Test
    void itemPageShowsTagsAndFeedbackFormForBuyers() {
        HttpResponse<String> page = buyer.get("/catalogue/" + dress);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"feedback-form\"", "<td>dress</td>", "/catalogue/" + dress + "/image");
        assertThat(otherSeller.get("/catalogue/" + dress).body()).doesNotContain("feedback-form");
        JsonNode item = buyer.json(buyer.get("/api/catalogue/" + dress));
        assertThat(item.get("tags").get(0).get("label").asText()).isEqualTo("dress");
        assertThat(item.get("tags").get(0).get("colour").asText()).isEqualTo(colourOf(dress));
    }

    @Test
    void buyerGets404ForUnverifiedPhotoAndItsImage() {
        for (String path : List.of("/api/catalogue/" + shoes, "/catalogue/" + shoes, "/catalogue/" + shoes + "/image",
                "/photos/" + shoes + "/image", "/api/photos/" + shoes, "/api/catalogue/999999", "/catalogue/abc")) {
            assertThat(buyer.get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(buyer.json(buyer.get("/api/catalogue/" + shoes)).get("error").asText()).contains("no item");
        HttpResponse<String> image = buyer.get("/catalogue/" + dress + "/image");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        // a seller sees another seller's verified item in the catalogue, but not their unverified ones
        assertThat(otherSeller.get("/catalogue/" + dress + "/image").statusCode()).isEqualTo(200);
        assertThat(otherSeller.get("/catalogue/" + shoes + "/image").statusCode()).isEqualTo(404);
    }

    @Test
    void feedbackLandsInTheManagersMessages() {
        HttpResponse<String> sent = buyer.post("/api/catalogue/" + pants + "/feedback",
                ShopTestServer.json(Map.of("body", "Are these pants <b>stretchy</b>?")));
        assertThat(sent.statusCode()).isEqualTo(201);

        JsonNode messages = manager.json(manager.get("/api/messages"));
        JsonNode feedback = null;
        for (JsonNode m : messages.get("messages")) {
            if (m.get("kind").asText().equals("feedback") && m.get("photoId").asLong() == pants) {
                feedback = m;
            }
        }
        assertThat(feedback).isNotNull();
        assertThat(feedback.get("from").asText()).isEqualTo("bob");
        assertThat(feedback.get("to").isNull()).isTrue();
        assertThat(feedback.get("body").asText()).isEqualTo("Are these pants <b>stretchy</b>?");
        assertThat(manager.get("/messages").body()).contains("Are these pants &lt;b&gt;stretchy&lt;/b&gt;?", "/catalogue/" + pants);
        // the seller of the item does not read the shop's feedback
        assertThat(seller.get("/api/messages").body()).doesNotContain("stretchy");

        HttpResponse<String> form = buyer.postForm("/catalogue/" + dress + "/feedback", Map.of("body", "Lovely dress"), true);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location").orElse("")).endsWith("/catalogue/" + dress + "?sent=1");
        assertThat(manager.get("/api/messages").body()).contains("Lovely dress");
    }

    @Test
    void feedbackIsRefusedWithClearErrors() {
        String path = "/api/catalogue/" + dress + "/feedback";
        HttpResponse<String> empty = buyer.post(path, ShopTestServer.json(Map.of("body", "   ")));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(buyer.json(empty).get("error").asText()).contains("empty");
        HttpResponse<String> tooLong = buyer.post(path, ShopTestServer.json(Map.of("body", "x".repeat(2001))));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(buyer.json(tooLong).get("error").asText()).contains("2000");
        assertThat(buyer.post(path, "not json").statusCode()).isEqualTo(400);
        assertThat(buyer.post("/api/catalogue/" + shoes + "/feedback", ShopTestServer.json(Map.of("body", "hi"))).statusCode()).isEqualTo(404);
        assertThat(seller.post(path, ShopTestServer.json(Map.of("body", "hi"))).statusCode()).isEqualTo(403);
        assertThat(buyer.postWithoutCsrf(path, ShopTestServer.json(Map.of("body", "no token"))).statusCode()).isEqualTo(403);
        assertThat(buyer.postForm("/catalogue/" + dress + "/feedback", Map.of("body", "no token"), false).statusCode()).isEqualTo(403);
        HttpResponse<String> form = buyer.postForm("/catalogue/" + dress + "/feedback", Map.of("body", ""), true);
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("id=\"feedback-error\"", "empty");
        assertThat(manager.get("/api/messages").body()).doesNotContain("no token");
    }
}
