package org.vestis.serve.auth;

import io.javalin.security.RouteRole;

import java.util.Locale;

/** Who a user is in the shop; every route names the roles that may use it. */
public enum Role implements RouteRole {
    /** Uploads photos and sees only their own. */
    SELLER,
    /** Reviews every photo's tags, retrains and switches models, reads every message. */
    MANAGER,
    /** Browses verified items and sends feedback. */
    BUYER,
    /** Anyone, logged in or not (the login page, the health check). */
    ANYONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
