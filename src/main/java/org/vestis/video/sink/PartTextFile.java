package org.vestis.video.sink;

import org.vestis.io.OutputFiles;
import org.vestis.UserException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text output written line by line under its temporary name ({@code NAME.part.EXT}), flushed whenever the
 * writer asks (a crash keeps what was written) and given its final name on {@link #close()}, so readers never see
 * half a file under the final name.
 */
final class PartTextFile implements AutoCloseable {
    private final Path file;
    private final Path part;
    private final BufferedWriter out;
    private boolean closed;

    /** @param what what the file is, for the error sentence ("The timeline file ... could not be created") */
    PartTextFile(Path file, String what) {
        this.file = file;
        this.part = OutputFiles.partName(file);
        OutputFiles.createParent(file);
        try {
            this.out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("The " + what + " " + part + " could not be created; check that its folder is writable.", e);
        }
    }

    Path partFile() {
        return part;
    }

    void writeLine(String line) throws IOException {
        requireOpen();
        out.write(line);
        out.write('\n');
    }

    void flush() throws IOException {
        requireOpen();
        out.flush();
    }

    /** A frame after close is a caller's bug, whether or not it has lines to write (FrameSink's promise). */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
    }

    /** Closes the temporary file and renames it to the final name; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
        OutputFiles.publish(part, file);
    }
}
