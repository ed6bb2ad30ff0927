package org.vestis.serve.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.Sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The web server of `vestis serve`: Javalin on Jetty, server-rendered pages and a JSON API under /api. Every request
 * passes three checks before its handler: the session from the cookie, the route's roles against the user's role
 * (no route without roles), and for every state-changing request the session's CSRF token (form field {@code _csrf} or
 * header {@code X-CSRF-Token}).
 */
public final class ShopServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShopServer.class);
    static final String SESSION = "session";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Set<HandlerType> ENDPOINTS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    /** The API's description, served as is; OpenApiDocumentTest keeps it equal to the routes. */
    static final String OPENAPI = "serve/openapi.yaml";

    /** One registered endpoint and the roles that may use it. */
    record Route(String method, String path, Set<RouteRole> roles) {
    }

    private final List<Route> routes = new ArrayList<>();

    private final Javalin app;
    private final ShopServices services;

    public ShopServer(ShopServices services) {
        this.services = services;
        Pages pages = new Pages(services.messages()::unread);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.events(events -> events.handlerAdded(info -> {
                if (ENDPOINTS.contains(info.getHttpMethod())) {
                    routes.add(new Route(info.getHttpMethod().name(), info.getPath(), Set.copyOf(info.getRoles())));
                }
            }));
            config.jsonMapper(new JavalinJackson().updateMapper(m -> m.registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)));
            config.http.maxRequestSize = services.uploads().maxBytes() + (1L << 20);
            config.jetty.multipartConfig.maxFileSize(services.uploads().maxBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(services.uploads().maxBytes() * 50, io.javalin.config.SizeUnit.BYTES);
            config.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "serve/static";
                s.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
        });
        app.before(this::loadSession);
        app.beforeMatched(this::checkAccess);
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "same-origin");
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
        });
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "The server failed on this request; it keeps serving. Details are in its log.");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, HttpStatus.NOT_FOUND, "There is nothing at " + ctx.path() + ".");
            }
        });
        new AuthRoutes(services.accounts(), services.sessions(), pages).register(app);
        new SellerRoutes(services, pages).register(app);
        new ReviewRoutes(services, pages).register(app);
        new CatalogueRoutes(services, pages).register(app);
        new MessageRoutes(services, pages).register(app);
        new UserRoutes(services, pages).register(app);
        new ModelRoutes(services, pages).register(app);
        app.get("/api/openapi.yaml", ctx -> {
            try (var in = ShopServer.class.getClassLoader().getResourceAsStream(OPENAPI)) {
                ctx.contentType("application/yaml").result(in.readAllBytes());
            }
        }, Role.ANYONE);
        app.get("/health", ctx -> ctx.json(Map.of("database", services.database().healthy(),
                "queued", services.photos().count("queued"))), Role.ANYONE);
    }

    /** Every endpoint registered, in order: OpenApiDocumentTest checks the API's description against them. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    public ShopServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The logged-in session of this request, or null. */
    static Sessions.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    private void loadSession(Context ctx) {
        services.sessions().find(ctx.cookie(AuthRoutes.SESSION_COOKIE)).ifPresent(s -> ctx.attribute(SESSION, s));
    }

    private void checkAccess(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() && ctx.path().startsWith("/static/")) {
            return; // stylesheets and scripts
        }
        if (roles.isEmpty()) {
            throw new ApiError(HttpStatus.FORBIDDEN, "This route has no roles, so nobody may use it.");
        }
        Sessions.Session s = session(ctx);
        if (!roles.contains(Role.ANYONE)) {
            if (s == null) {
                if (!isApi(ctx) && SAFE.contains(ctx.method())) {
                    ctx.redirect("/login");
                    ctx.skipRemainingHandlers();
                    return;
                }
                throw new ApiError(HttpStatus.UNAUTHORIZED, "Log in first.");
            }
            if (!roles.contains(s.user().role())) {
                throw new ApiError(HttpStatus.FORBIDDEN, "A " + s.user().role().id() + " may not use " + ctx.path() + ".");
            }
        }
        if (!SAFE.contains(ctx.method()) && s != null && !isLogin(ctx)) {
            String sent = ctx.header("X-CSRF-Token");
            if (sent == null) {
                sent = formField(ctx);
            }
            if (!Sessions.sameToken(s.csrfToken(), sent)) {
                throw new ApiError(HttpStatus.FORBIDDEN, "The request lacks this session's CSRF token; reload the page and try again.");
            }
        }
    }

    /** The {@code _csrf} field of a form or multipart body (read without consuming uploaded files). */
    private String formField(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return null;
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return ctx.formParam("_csrf");
        }
        if (type.startsWith("multipart/form-data")) {
            try {
                return ctx.formParam("_csrf");
            } catch (Exception e) { // an oversized or broken body: say so (413/400), not 500
                throw SellerRoutes.multipartError(e, services.uploads().maxBytes());
            }
        }
        return null;
    }

    /** The two ways in, which carry their own protection: the login form its double-submit token, the API login JSON only. */
    private static boolean isLogin(Context ctx) {
        return ctx.method() == HandlerType.POST && (ctx.path().equals("/login") || ctx.path().equals("/api/session"));
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        if (isApi(ctx) || (ctx.header("Accept") != null && ctx.header("Accept").contains("application/json")
                && !ctx.header("Accept").contains("text/html"))) {
            ctx.json(Map.of("error", message, "status", status.getCode()));
        } else {
            ctx.contentType("text/html; charset=utf-8");
            ctx.result("<!doctype html><html><head><title>" + status.getCode() + "</title><link rel=\"stylesheet\" href=\"/static/shop.css\">"
                    + "</head><body><main><h1>" + status.getCode() + " " + escape(status.getMessage()) + "</h1><p class=\"error\">"
                    + escape(message) + "</p><p><a href=\"/\">Back</a></p></main></body></html>");
        }
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Override
    public void close() {
        app.stop();
    }
}
