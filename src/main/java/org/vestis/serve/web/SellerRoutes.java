package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import org.vestis.RootCause;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.Sessions;
import org.vestis.serve.auth.User;
import org.vestis.serve.photos.PhotoRecords;
import org.vestis.serve.photos.UploadCheck;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sellers' uploads, from the page (drag and drop, one request per file with progress; a plain form without
 * JavaScript) or the API, and the photo files themselves for whoever may see them.
 */
final class SellerRoutes {
    private final ShopServices services;
    private final Pages pages;

    SellerRoutes(ShopServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/seller", this::page, Role.SELLER);
        app.post("/seller/upload", this::formUpload, Role.SELLER);
        app.post("/api/batches", this::newBatch, Role.SELLER);
        app.post("/api/batches/{batch}/photos", this::apiUpload, Role.SELLER);
        app.get("/api/photos", this::apiList, Role.SELLER);
        app.get("/api/photos/{id}", this::apiPhoto, Role.SELLER, Role.MANAGER, Role.BUYER);
        app.get("/photos/{id}/image", this::image, Role.SELLER, Role.MANAGER, Role.BUYER);
    }

    /** One file's outcome, as the page and the API report it. */
    record UploadResult(String file, Long photoId, String outcome, String message) {
        static UploadResult rejected(String file, String message) {
            return new UploadResult(file, null, "rejected", message);
        }
    }

    private void page(Context ctx) {
        showPage(ctx, List.of());
    }

    private void showPage(Context ctx, List<UploadResult> results) {
        User me = ShopServer.session(ctx).user();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PhotoRecords.Photo p : services.photos().ofSeller(me.id(), 200)) {
            rows.add(Map.of("photo", p, "tags", services.photos().tags(p.id())));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rows", rows);
        model.put("results", results);
        model.put("maxMiB", services.uploads().maxBytes() >> 20);
        pages.render(ctx, "seller", model);
    }

    private void formUpload(Context ctx) {
        User me = ShopServer.session(ctx).user();
        List<UploadedFile> files = uploadedFiles(ctx);
        if (files.isEmpty()) {
            showPage(ctx, List.of(UploadResult.rejected("", "Choose at least one photo to upload.")));
            return;
        }
        long batch = services.photos().newBatch(me.id());
        List<UploadResult> results = new ArrayList<>();
        for (UploadedFile f : files) {
            results.add(store(me, batch, f));
        }
        services.tagging().wake();
        showPage(ctx, results);
    }

    private void newBatch(Context ctx) {
        long id = services.photos().newBatch(ShopServer.session(ctx).user().id());
        ctx.status(HttpStatus.CREATED).json(Map.of("batchId", id));
    }

    /** One or more files (form field "photo") into a batch of the caller's; with one file, the status says its outcome. */
    private void apiUpload(Context ctx) {
        User me = ShopServer.session(ctx).user();
        long batch = ctx.pathParamAsClass("batch", Long.class).get();
        if (!services.photos().batchOf(batch, me.id())) {
            throw new ApiError(HttpStatus.NOT_FOUND, "You have no batch " + batch + ".");
        }
        List<UploadedFile> files = uploadedFiles(ctx);
        if (files.isEmpty()) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "Send the photos as multipart form data in the field \"photo\".");
        }
        List<UploadResult> results = new ArrayList<>();
        for (UploadedFile f : files) {
            results.add(store(me, batch, f));
        }
        services.tagging().wake();
        if (results.size() == 1) {
            UploadResult r = results.get(0);
            ctx.status(switch (r.outcome()) {
                case "stored" -> HttpStatus.CREATED;
                case "duplicate" -> HttpStatus.OK;
                default -> r.message().startsWith("The file has") ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNPROCESSABLE_CONTENT;
            });
        }
        ctx.json(Map.of("results", results));
    }

    private List<UploadedFile> uploadedFiles(Context ctx) {
        try {
            List<UploadedFile> files = new ArrayList<>(ctx.uploadedFiles("photo"));
            files.removeIf(f -> f.filename() == null || f.filename().isEmpty() && f.size() == 0);
            return files;
        } catch (Exception e) { // Javalin passes Jetty's checked exceptions on unchecked
            throw multipartError(e, services.uploads().maxBytes());
        }
    }

    /**
     * What to answer when Jetty cannot read a multipart body: 413 when a part or the whole request is over its limit
     * (Jetty refuses those while reading), 400 for a body that is not well-formed multipart data. Before, every
     * failure read as "over the limit", and one met while the CSRF check read the form's {@code _csrf} field was a 500.
     */
    static ApiError multipartError(Exception e, long maxBytes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (m.contains("max filesize") || m.contains("maxrequestsize") || m.contains("max file size")
                    || m.contains("too large") || m.contains("exceeds")) {
                return new ApiError(HttpStatus.CONTENT_TOO_LARGE, "A file is over the upload limit of " + (maxBytes >> 20) + " MiB.");
            }
        }
        return new ApiError(HttpStatus.BAD_REQUEST, "The upload is not well-formed multipart form data ("
                + RootCause.message(e) + ").");
    }

    /** Checks one file by its content, stores it by hash and records it, queued for tagging. */
    private UploadResult store(User seller, long batch, UploadedFile f) {
        String name = f.filename();
        byte[] bytes;
        try (InputStream in = f.content()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, services.uploads().maxBytes() + 1));
        } catch (IOException e) {
            return UploadResult.rejected(name, "The upload broke off before the file arrived whole.");
        }
        UploadCheck.CheckedPhoto checked;
        try {
            checked = services.uploads().check(bytes);
        } catch (UploadCheck.RejectedUpload e) {
            return UploadResult.rejected(name, e.getMessage());
        }
        try {
            String hash = services.store().put(bytes);
            PhotoRecords.Added added = services.photos().add(seller.id(), batch, hash, name, checked, bytes.length);
            return new UploadResult(name, added.photoId(), added.duplicate() ? "duplicate" : "stored",
                    added.duplicate() ? "You uploaded this photo before; it is kept once." : "Stored; tagging follows.");
        } catch (IOException e) {
            throw new ApiError(HttpStatus.INSUFFICIENT_STORAGE, "The server could not store the photo: " + e.getMessage());
        }
    }

    private void apiList(Context ctx) {
        User me = ShopServer.session(ctx).user();
        List<Map<String, Object>> out = new ArrayList<>();
        for (PhotoRecords.Photo p : services.photos().ofSeller(me.id(), 1000)) {
            out.add(Map.of("photo", p, "tags", services.photos().tags(p.id())));
        }
        ctx.json(Map.of("photos", out));
    }

    private void apiPhoto(Context ctx) {
        PhotoRecords.Photo p = visiblePhoto(ctx);
        ctx.json(Map.of("photo", p, "tags", services.photos().tags(p.id())));
    }

    private void image(Context ctx) throws IOException {
        PhotoRecords.Photo p = visiblePhoto(ctx);
        ctx.contentType(p.mediaType());
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.result(services.store().read(p.sha256()));
    }

    /**
     * The photo of the path, if this user may see it: a seller only their own, a buyer only verified ones, a manager
     * all. Others get 404, so a photo's existence is not given away.
     */
    private PhotoRecords.Photo visiblePhoto(Context ctx) {
        Sessions.Session s = ShopServer.session(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(HttpStatus.NOT_FOUND, "There is no photo " + ctx.pathParam("id") + ".");
        }
        PhotoRecords.Photo p = services.photos().photo(id).orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "There is no photo " + id + "."));
        boolean visible = switch (s.user().role()) {
            case MANAGER -> true;
            case SELLER -> p.sellerId() == s.user().id();
            case BUYER -> services.photos().verified(p.id());
            case ANYONE -> false;
        };
        if (!visible) {
            throw new ApiError(HttpStatus.NOT_FOUND, "There is no photo " + id + ".");
        }
        return p;
    }
}
