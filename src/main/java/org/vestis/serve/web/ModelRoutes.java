package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.vestis.io.Json;
import org.vestis.model.ModelBundle;
import org.vestis.model.ModelInfo;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.retrain.BundleComparison;
import org.vestis.serve.retrain.JobRecords;
import org.vestis.serve.retrain.Retraining;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models page and its API (managers only): every bundle with its parent, data and comparison, the retrain jobs
 * with their progress, starting a retrain from reviewed items, and switching the serving bundle (back to older ones
 * too).
 */
final class ModelRoutes {
    private static final int JOBS_SHOWN = 20;
    private final ShopServices services;
    private final Pages pages;
    /** Classes per bundle folder: a bundle's model.json does not change once written. */
    private final Map<String, List<String>> labels = new ConcurrentHashMap<>();

    ModelRoutes(ShopServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/models", ctx -> page(ctx, null, HttpStatus.OK), Role.MANAGER);
        app.post("/models/retrain", this::formRetrain, Role.MANAGER);
        app.post("/models/{id}/serve", this::formServe, Role.MANAGER);

        app.get("/api/bundles", ctx -> ctx.json(Map.of("bundles", bundleViews())), Role.MANAGER);
        app.post("/api/bundles/{id}/serve", ctx -> ctx.json(Map.of("bundle",
                view(serve(ctx), BundleComparison.all(services.database().jdbi()), names()))), Role.MANAGER);
        app.post("/api/retrain", ctx -> ctx.status(HttpStatus.ACCEPTED).json(Map.of("job", startRetrain(ctx))), Role.MANAGER);
        app.get("/api/retrain", ctx -> ctx.json(Map.of("available", services.retraining().available(),
                "settings", services.retraining().settings())), Role.MANAGER);
        app.get("/api/jobs", ctx -> ctx.json(Map.of("jobs", services.retraining().jobs().latest(JOBS_SHOWN))), Role.MANAGER);
        app.get("/api/jobs/{id}", ctx -> ctx.json(Map.of("job", job(ctx))), Role.MANAGER);
    }

    /** A bundle as the page and the API show it (no server paths). */
    record BundleView(long id, String name, Long parentId, String parentName, String dataNote, boolean serving,
                      OffsetDateTime createdAt, List<String> labels, BundleComparison.Result comparison) {
    }

    private List<BundleView> bundleViews() {
        Map<Long, BundleComparison.Result> comparisons = BundleComparison.all(services.database().jdbi());
        Map<Long, String> names = names();
        List<BundleView> out = new ArrayList<>();
        for (ServingBundles.Bundle b : services.bundles().all()) {
            out.add(view(b, comparisons, names));
        }
        return out;
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        services.bundles().all().forEach(b -> names.put(b.id(), b.name()));
        return names;
    }

    private BundleView view(ServingBundles.Bundle b, Map<Long, BundleComparison.Result> comparisons, Map<Long, String> names) {
        return new BundleView(b.id(), b.name(), b.parentId(), b.parentId() == null ? null : names.get(b.parentId()), b.dataNote(),
                b.serving(), b.createdAt(), labelsOf(b), comparisons.get(b.id()));
    }

    private List<String> labelsOf(ServingBundles.Bundle b) {
        return labels.computeIfAbsent(b.path(), p -> {
            try {
                return Json.MAPPER.readValue(Path.of(p, ModelBundle.INFO_FILE).toFile(), ModelInfo.class).labels();
            } catch (IOException | RuntimeException e) {
                return List.of(); // shown as "unreadable"; switching to it then says why
            }
        });
    }

    private void page(Context ctx, String error, HttpStatus status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("bundles", bundleViews());
        model.put("jobs", services.retraining().jobs().latest(JOBS_SHOWN));
        model.put("available", services.retraining().available());
        model.put("settings", services.retraining().settings());
        model.put("running", services.retraining().jobs().running(JobRecords.RETRAIN).orElse(null));
        model.put("error", error);
        ctx.status(status);
        pages.render(ctx, "models", model);
    }

    private void formRetrain(Context ctx) {
        try {
            startRetrain(ctx);
        } catch (ApiError e) {
            page(ctx, e.getMessage(), e.status());
            return;
        }
        ctx.redirect("/models");
    }

    private void formServe(Context ctx) {
        try {
            serve(ctx);
        } catch (ApiError e) {
            page(ctx, e.getMessage(), e.status());
            return;
        }
        ctx.redirect("/models");
    }

    private JobRecords.Job startRetrain(Context ctx) {
        try {
            return services.retraining().start(ShopServer.session(ctx).user());
        } catch (Retraining.Refused e) {
            throw new ApiError(e.busy() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        }
    }

    /** Switches the serving bundle; a bundle whose files are gone or broken is refused with the reason. */
    private ServingBundles.Bundle serve(Context ctx) {
        long id = id(ctx, "bundle");
        ServingBundles.Bundle b = services.bundles().find(id)
                .orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "There is no bundle " + id + "."));
        try {
            services.bundles().switchTo(b.id());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "Bundle " + b.name() + " cannot be loaded, so "
                    + services.bundles().current().tagger().name() + " keeps serving: " + why);
        }
        return services.bundles().find(b.id()).orElseThrow();
    }

    private JobRecords.Job job(Context ctx) {
        long id = id(ctx, "job");
        return services.retraining().jobs().find(id).orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "There is no job " + id + "."));
    }

    private static long id(Context ctx, String what) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(HttpStatus.NOT_FOUND, "There is no " + what + " " + ctx.pathParam("id") + ".");
        }
    }
}
