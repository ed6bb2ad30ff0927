package org.vestis.serve.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Accounts;
import org.vestis.serve.auth.Role;
import org.vestis.serve.auth.User;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The managers' list of accounts, and new accounts with the password the manager typed (Accounts checks the name and
 * password; its message is shown as is). There is no default password and none is ever shown back.
 */
final class UserRoutes {
    private static final List<String> ROLES = List.of("seller", "buyer", "manager");

    private final ShopServices services;
    private final Pages pages;

    UserRoutes(ShopServices services, Pages pages) {
        this.services = services;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/users", ctx -> showPage(ctx, null, "", "seller"), Role.MANAGER);
        app.post("/users", this::formCreate, Role.MANAGER);
        app.get("/api/users", ctx -> ctx.json(Map.of("users", services.accounts().all().stream()
                .map(u -> Map.of("id", u.id(), "name", u.name(), "role", u.role().id())).toList())), Role.MANAGER);
        app.post("/api/users", this::apiCreate, Role.MANAGER);
    }

    private void showPage(Context ctx, String error, String name, String role) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("users", services.accounts().all());
        model.put("roles", ROLES);
        model.put("error", error);
        // Only a name that exists: a crafted link cannot make the page claim an account was made.
        String shown = ctx.queryParam("created");
        model.put("created", shown != null && services.accounts().find(shown).isPresent() ? shown : null);
        model.put("name", name);
        model.put("role", role);
        pages.render(ctx, "users", model);
    }

    private void formCreate(Context ctx) {
        String name = ctx.formParam("name");
        String role = ctx.formParam("role");
        try {
            User u = create(name, role, ctx.formParam("password"));
            ctx.redirect("/users?created=" + URLEncoder.encode(u.name(), StandardCharsets.UTF_8));
        } catch (ApiError e) {
            ctx.status(e.status());
            showPage(ctx, e.getMessage(), name == null ? "" : name, role == null ? "seller" : role);
        }
    }

    record CreateRequest(String name, String role, String password) {
    }

    private void apiCreate(Context ctx) {
        CreateRequest req = ShopJson.read(ctx, CreateRequest.class);
        User u = create(req.name(), req.role(), req.password());
        ctx.status(HttpStatus.CREATED).json(Map.of("id", u.id(), "name", u.name(), "role", u.role().id()));
    }

    private User create(String name, String role, String password) {
        if (role == null || !ROLES.contains(role)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "The role is one of: " + String.join(", ", ROLES) + ".");
        }
        if (name != null && services.accounts().find(name).isPresent()) {
            throw new ApiError(HttpStatus.CONFLICT, "The user name " + name + " is taken.");
        }
        char[] pw = password == null ? new char[0] : password.toCharArray();
        try {
            return services.accounts().create(name, Role.parse(role), pw);
        } catch (Accounts.InvalidAccountException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, e.getMessage());
        } finally {
            Arrays.fill(pw, ' ');
        }
    }
}
