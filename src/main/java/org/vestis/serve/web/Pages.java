package org.vestis.serve.web;

import io.javalin.http.Context;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.vestis.serve.auth.Sessions;
import org.vestis.serve.auth.User;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Server-rendered pages: Thymeleaf templates under {@code serve/templates}, which escape every value they print.
 * Every page gets the logged-in user ({@code me}), the session's CSRF token ({@code csrf}) for its forms and the user's
 * unread messages ({@code unread}) for the navigation.
 */
public final class Pages {
    private final TemplateEngine engine = new TemplateEngine();
    private final ToLongFunction<User> unread;

    public Pages() {
        this(user -> 0);
    }

    public Pages(ToLongFunction<User> unread) {
        this.unread = unread;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("serve/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /** Renders a template into the response. */
    public void render(Context ctx, String template, Map<String, ?> model) {
        org.thymeleaf.context.Context vars = new org.thymeleaf.context.Context(Locale.ROOT);
        Map<String, Object> all = new HashMap<>(model);
        Sessions.Session session = ShopServer.session(ctx);
        all.put("me", session == null ? null : session.user());
        all.put("csrf", session == null ? ctx.attribute(AuthRoutes.LOGIN_CSRF) : session.csrfToken());
        all.put("path", ctx.path());
        all.put("unread", session == null ? 0L : unread.applyAsLong(session.user()));
        vars.setVariables(all);
        ctx.html(engine.process(template, vars));
    }
}
