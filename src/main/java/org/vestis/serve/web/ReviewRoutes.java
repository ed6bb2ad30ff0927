package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.User;
import org.vestis.serve.review.Reviews;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The managers' review queue, its actions and the accuracy on reviewed items, as pages and as API calls. */
final class ReviewRoutes {
    private static final int PAGE = 50;
    private final ShopServices services;
    private final Pages pages;

    ReviewRoutes(ShopServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/review", this::page, Role.MANAGER);
        app.post("/review/{tag}/accept", ctx -> formAction(ctx, false), Role.MANAGER);
        app.post("/review/{tag}/correct", ctx -> formAction(ctx, true), Role.MANAGER);
        app.post("/review/accept-above", this::formAcceptAbove, Role.MANAGER);
        app.get("/review/accuracy", this::accuracyPage, Role.MANAGER);

        app.get("/api/review/queue", this::apiQueue, Role.MANAGER);
        app.post("/api/tags/{tag}/accept", ctx -> apiAction(ctx, false), Role.MANAGER);
        app.post("/api/tags/{tag}/correct", ctx -> apiAction(ctx, true), Role.MANAGER);
        app.post("/api/review/accept-above", this::apiAcceptAbove, Role.MANAGER);
        app.get("/api/review/accuracy", ctx -> ctx.json(Map.of("perClass", services.reviews().accuracyPerClass(),
                "perDay", services.reviews().accuracyPerDay())), Role.MANAGER);
    }

    private static Reviews.Filter filter(Context ctx) {
        return new Reviews.Filter(ctx.queryParam("label"), ctx.queryParam("seller"));
    }

    private void page(Context ctx) {
        Reviews.Filter f = filter(ctx);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("queue", services.reviews().queue(f, PAGE));
        model.put("remaining", services.reviews().remaining(f));
        model.put("labels", services.reviews().pendingLabels());
        model.put("sellers", services.reviews().pendingSellers());
        model.put("filter", f);
        model.put("query", query(f));
        model.put("vocabulary", services.bundles().current().tagger().vocabulary());
        model.put("done", ctx.queryParam("done"));
        pages.render(ctx, "review", model);
    }

    private void formAction(Context ctx, boolean correct) {
        User me = ShopServer.session(ctx).user();
        long tag = tagId(ctx);
        boolean changed = correct ? services.reviews().correct(tag, me, checkedLabel(tag, ctx.formParam("label")))
                : services.reviews().accept(tag, me);
        String back = "/review?" + query(new Reviews.Filter(ctx.formParam("filterLabel"), ctx.formParam("filterSeller")));
        ctx.redirect(back + (changed ? "" : "&done=" + tag));
    }

    private void formAcceptAbove(Context ctx) {
        User me = ShopServer.session(ctx).user();
        double min = confidence(ctx.formParam("min"));
        Reviews.Filter f = new Reviews.Filter(ctx.formParam("filterLabel"), ctx.formParam("filterSeller"));
        services.reviews().acceptAbove(min, f, me);
        ctx.redirect("/review?" + query(f));
    }

    private void accuracyPage(Context ctx) {
        pages.render(ctx, "accuracy", Map.of("perClass", services.reviews().accuracyPerClass(),
                "perDay", services.reviews().accuracyPerDay(), "history", services.reviews().history(50)));
    }

    private void apiQueue(Context ctx) {
        Reviews.Filter f = filter(ctx);
        int limit = Math.max(1, Math.min(500, ctx.queryParamAsClass("limit", Integer.class).getOrDefault(PAGE)));
        ctx.json(Map.of("remaining", services.reviews().remaining(f), "queue", services.reviews().queue(f, limit)));
    }

    record CorrectRequest(String label) {
    }

    record AcceptAboveRequest(Double minConfidence, String label, String seller) {
    }

    private void apiAction(Context ctx, boolean correct) {
        User me = ShopServer.session(ctx).user();
        long tag = tagId(ctx);
        boolean changed = correct
                ? services.reviews().correct(tag, me, checkedLabel(tag, ShopJson.read(ctx, CorrectRequest.class).label()))
                : services.reviews().accept(tag, me);
        if (!changed) {
            throw new ApiError(HttpStatus.CONFLICT, "Tag " + tag + " was already reviewed.");
        }
        ctx.json(Map.of("tag", tag, "reviewed", true));
    }

    private void apiAcceptAbove(Context ctx) {
        AcceptAboveRequest req = ShopJson.read(ctx, AcceptAboveRequest.class);
        if (req.minConfidence() == null || !(req.minConfidence() >= 0 && req.minConfidence() <= 1)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "minConfidence is a number from 0 to 1.");
        }
        int n = services.reviews().acceptAbove(req.minConfidence(), new Reviews.Filter(req.label(), req.seller()),
                ShopServer.session(ctx).user());
        ctx.json(Map.of("accepted", n));
    }

    private long tagId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("tag"));
        } catch (NumberFormatException e) {
            throw new ApiError(HttpStatus.NOT_FOUND, "There is no tag " + ctx.pathParam("tag") + ".");
        }
    }

    /** A corrected label must be one of its slot's classes. */
    private String checkedLabel(long tagId, String label) {
        String slot = services.reviews().slotOf(tagId).orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "There is no tag " + tagId + "."));
        List<String> allowed = services.bundles().current().tagger().vocabulary().getOrDefault(slot, List.of());
        if (label == null || !allowed.contains(label)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "A " + slot + " tag is one of: " + String.join(", ", allowed) + ".");
        }
        return label;
    }

    private static double confidence(String s) {
        try {
            double v = Double.parseDouble(s);
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // falls through to the error
        }
        throw new ApiError(HttpStatus.BAD_REQUEST, "The confidence is a number from 0 to 1.");
    }

    private static String query(Reviews.Filter f) {
        return "label=" + enc(f.label()) + "&seller=" + enc(f.seller());
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
