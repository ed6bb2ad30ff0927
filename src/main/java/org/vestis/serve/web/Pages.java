package org.vestis.serve.web;

import io.javalin.http.Context;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.vestis.serve.auth.Sessions;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Server-rendered pages: Thymeleaf templates under {@code serve/templates}, which escape every value they print.
 * Every page gets the logged-in user ({@code me}) and the session's CSRF token ({@code csrf}) for its forms.
 */
public final class Pages {
    private final TemplateEngine engine = new TemplateEngine();

    public Pages() {
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
        vars.setVariables(all);
        ctx.html(engine.process(template, vars));
    }
}
