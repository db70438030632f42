package io.sluice.policies.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a loopback port that answers the way OPA's REST API documents: per path,
 * a status and a body, or an answer that never comes (all at once, or after the headers). It
 * holds no policy logic; it is here to test how our client handles each kind of answer.
 */
final class OpaStandIn implements AutoCloseable {
    /** One request as the server received it. */
    record Received(String method, String path, String contentType, String body) {}

    private sealed interface Behaviour {}

    private record Answer(int status, String body) implements Behaviour {}

    private record Hang() implements Behaviour {}

    private record HangAfterHeaders(String partialBody) implements Behaviour {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    OpaStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    OpaStandIn answer(String path, int status, String body) {
        routes.put(path, new Answer(status, body));
        return this;
    }

    /** Accepts the request and never answers (until closed). */
    OpaStandIn hang(String path) {
        routes.put(path, new Hang());
        return this;
    }

    /** Sends 200 and the start of a body, then nothing more (until closed). */
    OpaStandIn hangAfterHeaders(String path, String partialBody) {
        routes.put(path, new HangAfterHeaders(partialBody));
        return this;
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), path,
                    String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), body));
            Behaviour behaviour = routes.getOrDefault(path, new Answer(404,
                    "{\"code\": \"resource_not_found\", \"message\": \"stand-in has no route " + path + "\"}"));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            switch (behaviour) {
                case Answer a -> {
                    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        exchange.getResponseBody().write(bytes);
                    }
                }
                case Hang h -> awaitClose();
                case HangAfterHeaders h -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write(h.partialBody().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    awaitClose();
                }
            }
        }
    }

    private void awaitClose() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
