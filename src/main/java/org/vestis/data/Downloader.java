package org.vestis.data;

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
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches a file over HTTP into a directory, verifying its SHA-256. Writes to a temporary name and renames,
 * so a crash never leaves a half file under the real name; retries once, then gives one clear error.
 */
public final class Downloader {
    private static final int ATTEMPTS = 2;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public Path fetch(String baseUrl, RemoteFile file, Path dir) {
        String url = baseUrl.endsWith("/") ? baseUrl + file.name() : baseUrl + "/" + file.name();
        Path target = dir.resolve(file.name());
        String lastProblem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, file.name(), ".part");
                try {
                    String actual = download(url, tmp);
                    if (actual.equalsIgnoreCase(file.sha256())) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        return target;
                    }
                    lastProblem = "its SHA-256 is " + actual + ", expected " + file.sha256();
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
        throw new UserException("Could not download " + url + " (" + lastProblem + "); check the network or put the file in " + dir + " yourself.");
    }

    private String download(String url, Path tmp) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            MessageDigest sha = sha256();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

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
