package org.vestis;

/**
 * A problem the user can fix (missing file, bad YAML, wrong model directory). The CLI prints its message
 * as one sentence and exits with code 2; the stack trace only with --verbose.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
