package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import org.vestis.serve.auth.Accounts;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.Sessions;
import org.vestis.serve.auth.User;

import java.util.Map;
import java.util.Optional;

/**
 * Logging in and out. The login form is protected against CSRF by a double-submit token (a cookie and a hidden field
 * that must match), since there is no session yet; the session cookie is HttpOnly and SameSite=Strict.
 */
final class AuthRoutes {
    static final String SESSION_COOKIE = "vestis_session";
    static final String LOGIN_COOKIE = "vestis_login";
    static final String LOGIN_CSRF = "loginCsrf";

    private final Accounts accounts;
    private final Sessions sessions;
    private final Pages pages;

    AuthRoutes(Accounts accounts, Sessions sessions, Pages pages) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/", this::home, Role.ANYONE);
        app.get("/login", this::loginPage, Role.ANYONE);
        app.post("/login", this::login, Role.ANYONE);
        app.post("/logout", this::logout, Role.ANYONE);
        app.post("/api/session", this::apiLogin, Role.ANYONE);
        app.delete("/api/session", this::logout, Role.ANYONE);
        app.get("/api/session", this::apiWhoAmI, Role.SELLER, Role.MANAGER, Role.BUYER);
    }

    /** Where each role starts. */
    static String homeOf(Role role) {
        return switch (role) {
            case SELLER -> "/seller";
            case MANAGER -> "/review";
            case BUYER -> "/catalogue";
            case ANYONE -> "/login";
        };
    }

    private void home(Context ctx) {
        Sessions.Session s = ShopServer.session(ctx);
        ctx.redirect(s == null ? "/login" : homeOf(s.user().role()));
    }

    private void loginPage(Context ctx) {
        showLogin(ctx, null, HttpStatus.OK);
    }

    private void showLogin(Context ctx, String error, HttpStatus status) {
        String token = Sessions.randomToken();
        ctx.cookie(cookie(LOGIN_COOKIE, token, -1));
        ctx.attribute(LOGIN_CSRF, token);
        ctx.status(status);
        pages.render(ctx, "login", error == null ? Map.of() : Map.of("error", error));
    }

    private void login(Context ctx) {
        String cookieToken = ctx.cookie(LOGIN_COOKIE);
        if (!Sessions.sameToken(cookieToken, ctx.formParam("_csrf"))) {
            showLogin(ctx, "The login form had expired; please log in again.", HttpStatus.FORBIDDEN);
            return;
        }
        Optional<User> user = accounts.login(ctx.formParam("name"), chars(ctx.formParam("password")));
        if (user.isEmpty()) {
            showLogin(ctx, "Unknown name or wrong password.", HttpStatus.UNAUTHORIZED);
            return;
        }
        startSession(ctx, user.get());
        ctx.removeCookie(LOGIN_COOKIE, "/");
        ctx.redirect(homeOf(user.get().role()));
    }

    /** API login: JSON {name, password}; answers the user and the CSRF token to send as X-CSRF-Token. */
    private void apiLogin(Context ctx) {
        // JSON only: a cross-site form cannot send it without the browser asking first (CORS), so no login CSRF.
        if (ctx.contentType() == null || !ctx.contentType().startsWith("application/json")) {
            throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the login as JSON: {\"name\": ..., \"password\": ...}.");
        }
        LoginRequest req = ShopJson.read(ctx, LoginRequest.class);
        Optional<User> user = accounts.login(req.name(), chars(req.password()));
        if (user.isEmpty()) {
            throw new ApiError(HttpStatus.UNAUTHORIZED, "Unknown name or wrong password.");
        }
        String token = startSession(ctx, user.get());
        Sessions.Session s = sessions.find(token).orElseThrow();
        ctx.json(Map.of("name", s.user().name(), "role", s.user().role().id(), "csrfToken", s.csrfToken()));
    }

    record LoginRequest(String name, String password) {
    }

    private void apiWhoAmI(Context ctx) {
        Sessions.Session s = ShopServer.session(ctx);
        ctx.json(Map.of("name", s.user().name(), "role", s.user().role().id(), "csrfToken", s.csrfToken()));
    }

    private String startSession(Context ctx, User user) {
        String old = ctx.cookie(SESSION_COOKIE);
        sessions.end(old); // a fresh token at every login: no session fixation
        String token = sessions.start(user);
        ctx.cookie(cookie(SESSION_COOKIE, token, (int) Sessions.LIFETIME.toSeconds()));
        return token;
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, "/");
        if (ctx.path().startsWith("/api/")) {
            ctx.status(HttpStatus.NO_CONTENT);
        } else {
            ctx.redirect("/login");
        }
    }

    static Cookie cookie(String name, String value, int maxAgeSeconds) {
        Cookie c = new Cookie(name, value);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSameSite(SameSite.STRICT);
        c.setMaxAge(maxAgeSeconds);
        return c;
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }
}
