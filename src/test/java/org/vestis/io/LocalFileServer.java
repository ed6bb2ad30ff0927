package org.vestis.io;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) serving the files of one directory under /data/, 404 for
 * anything else. Counts requests per file name. Files can be replaced by custom handlers, e.g. one that cuts
 * the body short. Tests use it instead of the internet.
 */
public final class LocalFileServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> overrides = new ConcurrentHashMap<>();

    public LocalFileServer(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", this::handle);
        server.start();
    }

    /** Base URL of the served directory, with a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
    }

    public int requests(String name) {
        AtomicInteger n = requests.get(name);
        return n == null ? 0 : n.get();
    }

    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Serves {@code name} with {@code handler} instead of from the directory. */
    public void override(String name, HttpHandler handler) {
        overrides.put(name, handler);
    }

    /**
     * A handler that promises {@code data.length} bytes, sends only the first {@code sent} and returns; closing
     * the exchange with the body short makes HttpServer drop the connection: a cut-off download.
     */
    public static HttpHandler truncated(byte[] data, int sent) {
        return exchange -> {
            exchange.sendResponseHeaders(200, data.length);
            OutputStream body = exchange.getResponseBody();
            body.write(data, 0, sent);
            body.flush();
        };
    }

    /**
     * A handler that promises {@code data.length} bytes, sends only the first {@code sent}, then goes quiet with
     * the connection open (closing the body stream short makes HttpServer abandon, not close, the connection).
     */
    public static HttpHandler stalling(byte[] data, int sent) {
        return exchange -> {
            exchange.sendResponseHeaders(200, data.length);
            OutputStream body = exchange.getResponseBody();
            body.write(data, 0, sent);
            body.flush();
            try {
                body.close();
            } catch (IOException expected) {
                // "insufficient bytes written to stream"
            }
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String name = exchange.getRequestURI().getPath().substring("/data/".length());
            requests.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            HttpHandler override = overrides.get(name);
            if (override != null) {
                override.handle(exchange);
                return;
            }
            Path file = name.isEmpty() || name.contains("/") || name.contains("..") ? null : root.resolve(name);
            if (file == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        } finally {
            exchange.close();
        }
    }

    private boolean stopped;

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }
}
