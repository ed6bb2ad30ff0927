package org.vestis.io;

import org.vestis.UserException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on files a command reads, so a folder given where a file belongs is called a folder, not "missing". */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Throws one sentence unless {@code file} is a regular file: "{@code what} FILE is a folder, not a file; HINT" or
     * "{@code what} FILE does not exist; HINT" ({@code hint} may be empty).
     */
    public static void requireFile(Path file, String what, String hint) {
        if (Files.isRegularFile(file)) {
            return;
        }
        String tail = hint == null || hint.isEmpty() ? "." : "; " + hint;
        throw new UserException(what + " " + file + (Files.isDirectory(file) ? " is a folder, not a file" : " does not exist") + tail);
    }
}
