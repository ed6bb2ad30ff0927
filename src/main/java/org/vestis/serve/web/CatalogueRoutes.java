package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.User;
import org.vestis.serve.catalogue.Catalogue;
import org.vestis.serve.messages.Messages;
import org.vestis.serve.photos.PhotoRecords;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue: verified items with filters and pages, an item's page with the buyers' feedback form, and the images
 * of verified items. Everyone logged in may browse it; only buyers send feedback. An unverified photo is not in the
 * catalogue for anyone: 404, as if it did not exist.
 */
final class CatalogueRoutes {
    private static final Role[] BROWSERS = {Role.BUYER, Role.MANAGER, Role.SELLER};

    private final ShopServices services;
    private final Pages pages;

    CatalogueRoutes(ShopServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/catalogue", this::page, BROWSERS);
        app.get("/catalogue/{id}", this::itemPage, BROWSERS);
        app.get("/catalogue/{id}/image", this::image, BROWSERS);
        app.post("/catalogue/{id}/feedback", this::formFeedback, Role.BUYER);

        app.get("/api/catalogue", ctx -> ctx.json(services.catalogue().page(filter(ctx), pageNumber(ctx))), BROWSERS);
        app.get("/api/catalogue/{id}", ctx -> ctx.json(item(ctx)), BROWSERS);
        app.post("/api/catalogue/{id}/feedback", this::apiFeedback, Role.BUYER);
    }

    private static Catalogue.Filter filter(Context ctx) {
        return new Catalogue.Filter(ctx.queryParam("label"), ctx.queryParam("colour"));
    }

    /** The page asked for; anything but a positive number is the first. */
    private static int pageNumber(Context ctx) {
        try {
            String p = ctx.queryParam("page");
            return p == null || p.isBlank() ? 1 : Math.max(1, Integer.parseInt(p.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void page(Context ctx) {
        Catalogue.Filter f = filter(ctx);
        Catalogue.Page page = services.catalogue().page(f, pageNumber(ctx));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page);
        model.put("filter", f);
        model.put("labels", services.catalogue().labels());
        model.put("colours", services.catalogue().colours());
        model.put("previous", "/catalogue?" + query(f, page.page() - 1));
        model.put("next", "/catalogue?" + query(f, page.page() + 1));
        pages.render(ctx, "catalogue", model);
    }

    private void itemPage(Context ctx) {
        showItem(ctx, item(ctx), null, "", "1".equals(ctx.queryParam("sent")));
    }

    private void showItem(Context ctx, Catalogue.Item item, String error, String body, boolean sent) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("item", item);
        model.put("error", error);
        model.put("body", body);
        model.put("sent", sent);
        model.put("maxBody", Messages.MAX_BODY);
        pages.render(ctx, "item", model);
    }

    private void image(Context ctx) throws IOException {
        Catalogue.Item item = item(ctx);
        PhotoRecords.Photo p = services.photos().photo(item.id()).orElseThrow();
        ctx.contentType(p.mediaType());
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.result(services.store().read(p.sha256()));
    }

    private void formFeedback(Context ctx) {
        Catalogue.Item item = item(ctx);
        String body = ctx.formParam("body");
        try {
            services.messages().write(Messages.FEEDBACK, me(ctx), null, item.id(), body);
        } catch (Messages.InvalidMessageException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            showItem(ctx, item, e.getMessage(), body == null ? "" : body, false);
            return;
        }
        ctx.redirect("/catalogue/" + item.id() + "?sent=1");
    }

    record FeedbackRequest(String body) {
    }

    private void apiFeedback(Context ctx) {
        Catalogue.Item item = item(ctx);
        FeedbackRequest req = ShopJson.read(ctx, FeedbackRequest.class);
        long id;
        try {
            id = services.messages().write(Messages.FEEDBACK, me(ctx), null, item.id(), req.body());
        } catch (Messages.InvalidMessageException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        ctx.status(HttpStatus.CREATED).json(Map.of("messageId", id, "photoId", item.id()));
    }

    private static User me(Context ctx) {
        return ShopServer.session(ctx).user();
    }

    /** The verified item of the path, or 404 (for a missing photo and an unverified one alike). */
    private Catalogue.Item item(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            return services.catalogue().item(id).orElseThrow(() -> notFound(raw));
        } catch (NumberFormatException e) {
            throw notFound(raw);
        }
    }

    private static ApiError notFound(String id) {
        return new ApiError(HttpStatus.NOT_FOUND, "There is no item " + id + " in the catalogue.");
    }

    private static String query(Catalogue.Filter f, int page) {
        return "label=" + enc(f.label()) + "&colour=" + enc(f.colour()) + "&page=" + page;
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
