package org.s3gd.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on 127.0.0.1 serving fixture files under {@code /files/<name>}, with byte-range
 * requests, and able to break a transfer off half-way once, like a dropped connection.
 */
final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean ranges = true;

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", this::handle);
        server.start();
    }

    FixtureServer serve(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** The next full transfer of {@code name} stops after {@code bytes} bytes. */
    FixtureServer cutOnce(String name, int bytes) {
        cutOnce.put(name, bytes);
        return this;
    }

    FixtureServer withoutRanges() {
        ranges = false;
        return this;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/files/".length());
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(name + (range != null ? " " + range : ""));
        byte[] content = files.get(name);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int from = 0;
            if (range != null && ranges && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                if (from >= content.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
                exchange.sendResponseHeaders(206, content.length - from);
            } else {
                exchange.sendResponseHeaders(200, content.length);
            }
            Integer cut = from == 0 ? cutOnce.remove(name) : null;
            out.write(content, from, cut != null ? cut : content.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
