package org.vestis.io;

import org.vestis.UserException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches a file over HTTP into a directory, verifying its SHA-256. Writes to a temporary name and renames,
 * so a crash never leaves a half file under the real name; retries once, then gives one clear error.
 * A transfer that stalls (no bytes for {@code stallTimeout}) is abandoned rather than waited on forever:
 * HttpClient's request timeout only covers the wait for the response headers, not the body.
 */
public final class Downloader {
    private static final int ATTEMPTS = 2;
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "download-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final Duration stallTimeout;

    public Downloader() {
        this(STALL_TIMEOUT);
    }

    /** With a shorter stall timeout, for tests. */
    Downloader(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    public Path fetch(String baseUrl, RemoteFile file, Path dir) {
        String url = baseUrl.endsWith("/") ? baseUrl + file.name() : baseUrl + "/" + file.name();
        Path target = dir.resolve(file.name());
        try {
            fetch(url, target, file.sha256());
            return target;
        } catch (IOException e) {
            throw new UserException("Could not download " + url + " (" + e.getMessage() + "); check the network or put the file in " + dir + " yourself.");
        }
    }

    /**
     * Fetches {@code url} to {@code target} (a temporary name in its directory, then renamed), verifying the
     * SHA-256 when one is given; null when the file's owner verifies it another way (the DL4J zoo checks its
     * own Adler32 on every load). The IOException carries the last problem, for the caller's sentence.
     */
    public void fetch(String url, Path target, String sha256) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        String lastProblem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".part");
                OutputFiles.readableByOthers(tmp);
                try {
                    String actual = download(url, tmp);
                    if (sha256 == null || actual.equalsIgnoreCase(sha256)) {
                        OutputFiles.publish(tmp, target);
                        return;
                    }
                    lastProblem = "its SHA-256 is " + actual + ", expected " + sha256;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("Download of " + url + " was interrupted.");
            }
        }
        throw new IOException(lastProblem);
    }

    private String download(String url, Path tmp) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            // Closing the body from the watchdog wakes a read() blocked on a stalled connection.
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            AtomicBoolean stalled = new AtomicBoolean();
            long checkMillis = Math.max(10, stallTimeout.toMillis() / 4);
            ScheduledFuture<?> watch = WATCHDOG.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastProgress.get() > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // the reader sees the stall either way
                    }
                }
            }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
            long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long received = 0;
            MessageDigest sha = sha256();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        throw stalled.get() ? stalledError(e)
                                : new IOException("connection lost after " + bytes(received, expected) + " (" + reason(e) + ")", e);
                    }
                    if (n < 0) {
                        break;
                    }
                    lastProgress.set(System.nanoTime());
                    received += n;
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            } finally {
                watch.cancel(false);
            }
            if (stalled.get()) {
                throw stalledError(null);
            }
            if (expected >= 0 && received != expected) {
                throw new IOException("received " + bytes(received, expected));
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static String bytes(long received, long expected) {
        return expected < 0 ? String.format(Locale.ROOT, "%,d bytes", received)
                : String.format(Locale.ROOT, "%,d of %,d bytes", received, expected);
    }

    /** HttpClient's body stream says just "closed"; the cause says why (e.g. "EOF reached while reading"). */
    private static String reason(IOException e) {
        Throwable t = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private IOException stalledError(IOException cause) {
        long ms = stallTimeout.toMillis();
        String quiet = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        return new IOException("no data received for " + quiet + "; the transfer stalled", cause);
    }

    /** The SHA-256 of {@code file} in lower-case hex, as model files are pinned and imported models recorded. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
