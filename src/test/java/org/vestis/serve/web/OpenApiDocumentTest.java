package org.vestis.serve.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.ShopServices;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.UploadCheck;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document lists exactly the API's endpoints, every endpoint names its roles, and the server serves it. */
class OpenApiDocumentTest {
    @TempDir
    static Path data;
    static ShopDatabase db;
    static ServingBundles bundles;
    static ShopServices services;
    static ShopServer server;

    @BeforeAll
    static void start() {
        db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null);
        bundles = new ServingBundles(db.jdbi(), Path.of("models/clothing-mobilenetv2"), null);
        services = new ShopServices(data, db, bundles, new UploadCheck(UploadCheck.DEFAULT_MAX_BYTES, UploadCheck.DEFAULT_MAX_PIXELS));
        server = new ShopServer(services).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        services.close();
        db.close();
    }

    @Test
    void documentListsExactlyTheApiEndpoints() throws Exception {
        JsonNode doc;
        try (InputStream in = ShopServer.class.getClassLoader().getResourceAsStream(ShopServer.OPENAPI)) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            doc.path("paths").path(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path));
        }
        Set<String> served = server.routes().stream().filter(r -> r.path().startsWith("/api/"))
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyEndpointNamesItsRoles() {
        assertThat(server.routes()).isNotEmpty().allSatisfy(r -> assertThat(r.roles()).as(r.method() + " " + r.path()).isNotEmpty());
    }

    @Test
    void serverServesTheDocumentToAnyone() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("openapi: 3.0.3", "/api/review/queue");
    }
}
