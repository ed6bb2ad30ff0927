package org.vestis.config;

import org.vestis.UserException;

/** The one-sentence errors of config validation: "In SOURCE: WHAT." */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static void require(boolean ok, String source, String what) {
        if (!ok) {
            throw new UserException("In " + source + ": " + what + ".");
        }
    }
}
