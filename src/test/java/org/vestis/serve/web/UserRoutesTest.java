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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The managers' users page on a real server: who may reach it, new accounts and their errors. */
class UserRoutesTest {
    @TempDir
    static Path data;
    static ShopTestServer shop;
    static ShopTestServer.Client manager;
    static ShopTestServer.Client seller;
    static ShopTestServer.Client buyer;

    @BeforeAll
    static void start() {
        shop = ShopTestServer.start(data);
        shop.createUser("mia", Role.MANAGER);
        shop.createUser("sam", Role.SELLER);
        shop.createUser("bob", Role.BUYER);
        manager = shop.login("mia");
        seller = shop.login("sam");
        buyer = shop.login("bob");
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static HttpResponse<String> create(ShopTestServer.Client who, String name, String role, String password) {
        return who.post("/api/users", ShopTestServer.json(Map.of("name", name, "role", role, "password", password)));
    }

    @Test
    void sellersAndBuyersCannotReachTheUsersPage() {
        for (ShopTestServer.Client c : List.of(seller, buyer)) {
            assertThat(c.get("/users").statusCode()).isEqualTo(403);
            assertThat(c.get("/api/users").statusCode()).isEqualTo(403);
            assertThat(create(c, "intruder", "manager", "password-123").statusCode()).isEqualTo(403);
            assertThat(c.postForm("/users", Map.of("name", "intruder2", "role", "manager", "password", "password-123"), true)
                    .statusCode()).isEqualTo(403);
        }
        assertThat(shop.services().accounts().find("intruder")).isEmpty();
        assertThat(shop.services().accounts().find("intruder2")).isEmpty();
    }

    @Test
    void aManagerCreatesAUserWhoThenLogsIn() {
        HttpResponse<String> made = create(manager, "nina", "seller", "nina-password-1");
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(manager.json(made).get("role").asText()).isEqualTo("seller");
        ShopTestServer.Client nina = shop.login("nina", "nina-password-1");
        assertThat(nina.json(nina.get("/api/session")).get("role").asText()).isEqualTo("seller");
        assertThat(nina.get("/seller").statusCode()).isEqualTo(200);

        HttpResponse<String> form = manager.postForm("/users", Map.of("name", "otto", "role", "manager", "password", "otto-password-1"), true);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location").orElse("")).endsWith("/users?created=otto");
        assertThat(manager.get("/users?created=otto").body()).contains("id=\"user-created\"", "Created otto");
        assertThat(manager.get("/users?created=ghost").body()).doesNotContain("id=\"user-created\"");
        ShopTestServer.Client otto = shop.login("otto", "otto-password-1");
        assertThat(otto.get("/users").statusCode()).isEqualTo(200);

        List<String> names = new ArrayList<>();
        manager.json(manager.get("/api/users")).get("users").forEach(u -> names.add(u.get("name").asText()));
        assertThat(names).contains("mia", "sam", "bob", "nina", "otto");
        assertThat(manager.get("/api/users").body()).doesNotContain("password", "hash");
    }

    @Test
    void badAccountsGetTheReason() {
        HttpResponse<String> taken = create(manager, "sam", "buyer", "password-123");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(manager.json(taken).get("error").asText()).contains("taken");
        HttpResponse<String> shortPassword = create(manager, "pete", "buyer", "short");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(manager.json(shortPassword).get("error").asText()).contains("at least 10 characters");
        assertThat(create(manager, "bad name!", "buyer", "password-123").statusCode()).isEqualTo(400);
        HttpResponse<String> role = create(manager, "pete", "admin", "password-123");
        assertThat(role.statusCode()).isEqualTo(400);
        assertThat(manager.json(role).get("error").asText()).contains("seller, buyer, manager");
        JsonNode noBody = manager.json(manager.post("/api/users", "{}"));
        assertThat(noBody.get("status").asInt()).isEqualTo(400);

        HttpResponse<String> form = manager.postForm("/users", Map.of("name", "pete", "role", "buyer", "password", "short"), true);
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("id=\"user-error\"", "at least 10 characters", "value=\"pete\"").doesNotContain("value=\"short\"");
        assertThat(shop.services().accounts().find("pete")).isEmpty();
        assertThatThrownBy(() -> shop.login("pete", "short")).hasMessageContaining("401");
    }

    @Test
    void creatingAUserWithoutTheCsrfTokenIsRefused() {
        assertThat(manager.postWithoutCsrf("/api/users", ShopTestServer.json(Map.of("name", "forged", "role", "manager",
                "password", "password-123"))).statusCode()).isEqualTo(403);
        assertThat(manager.postForm("/users", Map.of("name", "forged2", "role", "manager", "password", "password-123"), false)
                .statusCode()).isEqualTo(403);
        assertThat(shop.services().accounts().find("forged")).isEmpty();
        assertThat(shop.services().accounts().find("forged2")).isEmpty();
    }
}
