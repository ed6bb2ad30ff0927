package org.vestis;

/** The sentence a user sees for a failure deep in a library: the innermost cause's first line, else its class name. */
public final class RootCause {
    private RootCause() {
    }

    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
    }
}
