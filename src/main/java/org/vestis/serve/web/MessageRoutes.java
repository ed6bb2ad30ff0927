package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.User;
import org.vestis.serve.messages.Messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages and notifications, as a page and as API calls. Sellers and buyers write to the managers; managers write to
 * a user (a reply) or to all managers. What is shown is marked read: the page and GET /api/messages are "viewing".
 */
final class MessageRoutes {
    private static final int SHOWN = 200;
    private static final Role[] ALL = {Role.SELLER, Role.MANAGER, Role.BUYER};

    private final ShopServices services;
    private final Pages pages;

    MessageRoutes(ShopServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/messages", ctx -> showPage(ctx, null, "", ctx.queryParam("to"), "1".equals(ctx.queryParam("sent"))), ALL);
        app.post("/messages", this::formSend, ALL);
        app.get("/api/messages", this::apiList, ALL);
        app.post("/api/messages", this::apiSend, ALL);
    }

    private void showPage(Context ctx, String error, String body, String to, boolean sent) {
        User me = ShopServer.session(ctx).user();
        List<Messages.Message> messages = services.messages().visibleTo(me, SHOWN);
        services.messages().markRead(me); // after reading, so the page still shows which were new
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("messages", messages);
        model.put("error", error);
        model.put("body", body);
        model.put("to", to == null ? "" : to);
        model.put("sent", sent);
        model.put("maxBody", Messages.MAX_BODY);
        model.put("users", me.role() == Role.MANAGER
                ? services.accounts().all().stream().filter(u -> u.id() != me.id()).toList() : List.of());
        pages.render(ctx, "messages", model);
    }

    private void formSend(Context ctx) {
        String body = ctx.formParam("body");
        String to = ctx.formParam("to");
        try {
            send(ShopServer.session(ctx).user(), to, body);
        } catch (ApiError e) {
            ctx.status(e.status());
            showPage(ctx, e.getMessage(), body == null ? "" : body, to, false);
            return;
        }
        ctx.redirect("/messages?sent=1");
    }

    private void apiList(Context ctx) {
        User me = ShopServer.session(ctx).user();
        long unread = services.messages().unread(me);
        List<Messages.Message> messages = services.messages().visibleTo(me, SHOWN);
        services.messages().markRead(me);
        ctx.json(Map.of("unread", unread, "messages", messages));
    }

    record SendRequest(String body, String to) {
    }

    private void apiSend(Context ctx) {
        SendRequest req = ShopJson.read(ctx, SendRequest.class);
        long id = send(ShopServer.session(ctx).user(), req.to(), req.body());
        ctx.status(HttpStatus.CREATED).json(Map.of("messageId", id));
    }

    /** Sends a message from this user: to the named user (managers only), else to all managers. */
    private long send(User me, String toName, String body) {
        User to = null;
        if (toName != null && !toName.isBlank()) {
            if (me.role() != Role.MANAGER) {
                throw new ApiError(HttpStatus.FORBIDDEN, "Your messages go to the managers; only managers write to a user.");
            }
            to = services.accounts().find(toName.strip())
                    .orElseThrow(() -> new ApiError(HttpStatus.BAD_REQUEST, "There is no user " + toName.strip() + "."));
        }
        try {
            return services.messages().write(Messages.MESSAGE, me, to, null, body);
        } catch (Messages.InvalidMessageException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
