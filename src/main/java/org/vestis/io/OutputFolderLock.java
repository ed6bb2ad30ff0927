package org.vestis.io;

import org.vestis.UserException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time per output folder: two runs writing the same files would tear each other's lines and videos.
 * The lock is an operating-system lock on {@code DIR/.vestis.lock} (released by the OS when the process dies, so a
 * killed run never leaves the folder locked); the file stays, holding the last owner's process id.
 */
public final class OutputFolderLock implements AutoCloseable {
    public static final String FILE_NAME = ".vestis.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder for this run, or says in one sentence that another run has it. */
    public static OutputFolderLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserException("The output folder " + dir + " cannot be locked for this run (" + e.getMessage()
                    + "); check that it is writable.", e);
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            // another run in this JVM holds it: the same answer as another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserException("The output folder " + dir + " cannot be locked for this run (" + e.getMessage() + ").", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new UserException("Another vestis run is writing to " + dir + "; wait for it to finish or choose another --out.");
        }
        try {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the process id is only a hint for people; the lock is what counts
        }
        return new OutputFolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
