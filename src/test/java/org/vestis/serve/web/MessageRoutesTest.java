package org.vestis.serve.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.ShopTestServer;
import org.vestis.serve.auth.Role;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages and notifications on a real server: who reads what, replies, unread counts and refusals. */
class MessageRoutesTest {
    @TempDir
    static Path data;
    static ShopTestServer shop;
    static ShopTestServer.Client manager;
    static ShopTestServer.Client seller;
    static ShopTestServer.Client otherSeller;
    static ShopTestServer.Client buyer;

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
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static HttpResponse<String> send(ShopTestServer.Client from, String body, String to) {
        return from.post("/api/messages", ShopTestServer.json(to == null ? Map.of("body", body) : Map.of("body", body, "to", to)));
    }

    private static List<String> bodies(ShopTestServer.Client who) {
        List<String> bodies = new ArrayList<>();
        who.json(who.get("/api/messages")).get("messages").forEach(m -> bodies.add(m.get("body").asText()));
        return bodies;
    }

    @Test
    void aSellerCannotReadAnotherSellersMessages() {
        assertThat(send(seller, "Sam asks about batch 1", null).statusCode()).isEqualTo(201);
        assertThat(send(manager, "Reply to sam only", "sam").statusCode()).isEqualTo(201);

        assertThat(bodies(seller)).contains("Sam asks about batch 1", "Reply to sam only");
        assertThat(bodies(manager)).contains("Sam asks about batch 1", "Reply to sam only");
        assertThat(bodies(otherSeller)).doesNotContain("Sam asks about batch 1", "Reply to sam only");
        assertThat(otherSeller.get("/messages").body()).doesNotContain("Sam asks about batch 1", "Reply to sam only");
        assertThat(bodies(buyer)).doesNotContain("Sam asks about batch 1", "Reply to sam only");
    }

    @Test
    void aManagerRepliesToABuyerWhoSeesItAsUnreadUntilViewed() {
        assertThat(send(manager, "Thanks for your feedback, bob", "bob").statusCode()).isEqualTo(201);
        HttpResponse<String> before = buyer.get("/catalogue");
        assertThat(before.body()).contains("id=\"unread-count\"");

        HttpResponse<String> page = buyer.get("/messages");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Thanks for your feedback, bob", "class=\"message unread\"")
                .doesNotContain("id=\"unread-count\""); // viewing marks them read
        JsonNode after = buyer.json(buyer.get("/api/messages"));
        assertThat(after.get("unread").asLong()).isZero();
        assertThat(after.get("messages").get(0).get("from").asText()).isEqualTo("mia");
        assertThat(after.get("messages").get(0).get("unread").asBoolean()).isFalse();
        assertThat(buyer.get("/catalogue").body()).doesNotContain("id=\"unread-count\"");
    }

    @Test
    void messagesToTheManagersCountAsUnreadForThem() {
        manager.get("/api/messages"); // read what came before
        assertThat(send(buyer, "A question for the shop", null).statusCode()).isEqualTo(201);
        assertThat(send(otherSeller, "Sue needs help", null).statusCode()).isEqualTo(201);
        JsonNode list = manager.json(manager.get("/api/messages"));
        assertThat(list.get("unread").asLong()).isEqualTo(2);
        assertThat(list.get("messages").get(0).get("body").asText()).isEqualTo("Sue needs help");
        assertThat(list.get("messages").get(0).get("to").isNull()).isTrue();
        assertThat(manager.json(manager.get("/api/messages")).get("unread").asLong()).isZero();
        // their own messages are never unread to their writers
        assertThat(otherSeller.json(otherSeller.get("/api/messages")).get("unread").asLong()).isZero();
    }

    @Test
    void formsSendAndReplyLinksPickTheUser() {
        HttpResponse<String> form = seller.postForm("/messages", Map.of("body", "From the form"), true);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location").orElse("")).endsWith("/messages?sent=1");
        HttpResponse<String> page = manager.get("/messages");
        assertThat(page.body()).contains("From the form", "href=\"/messages?to=sam#send\"");
        assertThat(manager.get("/messages?to=sam").body()).contains("<option value=\"sam\" selected=\"selected\">");
        HttpResponse<String> reply = manager.postForm("/messages", Map.of("to", "sam", "body", "Reply from the form"), true);
        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat(bodies(seller)).contains("Reply from the form");
    }

    @Test
    void refusalsAreClear() {
        HttpResponse<String> addressed = send(seller, "to bob", "bob");
        assertThat(addressed.statusCode()).isEqualTo(403);
        assertThat(seller.json(addressed).get("error").asText()).contains("managers");
        HttpResponse<String> nobody = send(manager, "hello", "nobody-here");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(manager.json(nobody).get("error").asText()).contains("no user nobody-here");
        assertThat(send(seller, "", null).statusCode()).isEqualTo(400);
        assertThat(send(seller, "y".repeat(2001), null).statusCode()).isEqualTo(400);
        assertThat(seller.post("/api/messages", "[1,2]").statusCode()).isEqualTo(400);
        HttpResponse<String> formError = seller.postForm("/messages", Map.of("body", " "), true);
        assertThat(formError.statusCode()).isEqualTo(400);
        assertThat(formError.body()).contains("id=\"message-error\"");
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefused() {
        assertThat(seller.postWithoutCsrf("/api/messages", ShopTestServer.json(Map.of("body", "forged"))).statusCode()).isEqualTo(403);
        assertThat(seller.postForm("/messages", Map.of("body", "forged form"), false).statusCode()).isEqualTo(403);
        assertThat(bodies(manager)).doesNotContain("forged", "forged form");
    }

    @Test
    void aSellerIsNotifiedWhenTheirBatchIsVerified() {
        ShopTestServer.Client carl = newSeller("carl");
        long photo = shop.upload(carl, Path.of("src/test/resources/photos/dress.jpg")).get(0);
        shop.awaitTagging(Duration.ofMinutes(3));
        shop.verify(manager, photo, "skirt".equals(shop.services().photos().tags(photo).get(0).label()) ? "dress" : "skirt");
        assertThat(carl.get("/seller").body()).contains("id=\"unread-count\"");
        JsonNode list = carl.json(carl.get("/api/messages"));
        assertThat(list.get("unread").asLong()).isEqualTo(1);
        JsonNode note = list.get("messages").get(0);
        assertThat(note.get("kind").asText()).isEqualTo("notification");
        assertThat(note.get("from").isNull()).isTrue();
        assertThat(note.get("body").asText()).contains("is verified", "(1 photo): 1 tag was corrected.");
        // managers see every notification, but it is the seller's to read
        assertThat(bodies(manager)).contains(note.get("body").asText());
        assertThat(bodies(seller)).doesNotContain(note.get("body").asText());
    }

    private static ShopTestServer.Client newSeller(String name) {
        shop.createUser(name, Role.SELLER);
        return shop.login(name);
    }
}
