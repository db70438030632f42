package io.sluice.policies.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.policies.decision.PolicyException.EngineFailure;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP layer under {@link OpaPolicyEngine}: sends one JSON request to an OPA server and returns
 * the JSON object it answered with HTTP 200, or throws an {@link EngineFailure} that says what
 * happened — unreachable, too slow, an HTTP error with OPA's own {@code code} and {@code message},
 * or a body that is not JSON. It knows nothing about decisions; the engine does.
 *
 * <p>The whole exchange (connect, send, headers and body) must finish within the timeout: the
 * client's own request timeout stops at the response headers, so a server that trickles its body
 * would otherwise hold a statement forever.
 */
final class OpaHttpClient implements AutoCloseable {
    /** A decision for hundreds of tables is a few hundred KB; anything far larger is not OPA answering us. */
    static final long MAX_BODY_BYTES = 16L << 20;
    private static final int MAX_DETAIL_CHARS = 300;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final Duration timeout;

    OpaHttpClient(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the OPA timeout must be positive, got " + timeout);
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // OPA serves HTTP/1.1 unless started with --h2c
                .connectTimeout(timeout)
                .build();
    }

    JsonNode post(URI uri, JsonNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        return exchange(HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    JsonNode get(URI uri) {
        return exchange(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build());
    }

    private JsonNode exchange(HttpRequest request) {
        String where = display(request.uri());
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request,
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_BODY_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw tooSlow(where, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineFailure("interrupted while waiting for OPA at " + where, e);
        } catch (ExecutionException | CancellationException e) {
            throw transportFailure(where, e.getCause() == null ? e : e.getCause());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new EngineFailure("OPA at " + where + " answered HTTP " + response.statusCode() + ": "
                    + errorDetail(body), null);
        }
        JsonNode parsed = parse(body);
        if (parsed == null || !parsed.isObject()) {
            throw new EngineFailure("OPA at " + where + " answered HTTP 200 with a body that is not a JSON object: "
                    + excerpt(body), null);
        }
        return parsed;
    }

    private EngineFailure tooSlow(String where, Throwable cause) {
        return new EngineFailure("OPA at " + where + " did not answer within " + timeout.toMillis() + " ms", cause);
    }

    private EngineFailure transportFailure(String where, Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException c -> new EngineFailure(
                    "could not connect to OPA at " + where + " within " + timeout.toMillis() + " ms", c);
            case HttpTimeoutException t -> tooSlow(where, t);
            case ConnectException c -> new EngineFailure("OPA at " + where + " is unreachable (connection refused)", c);
            default -> new EngineFailure("request to OPA at " + where + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        };
    }

    /**
     * OPA's error body is {@code {"code": ..., "message": ..., "errors": [{"code", "message", "location"}]}};
     * the nested errors carry the useful part (e.g. {@code eval_conflict_error} and where).
     */
    private String errorDetail(String body) {
        JsonNode error = parse(body);
        if (error == null || !error.isObject() || !error.path("code").isTextual()) {
            return "not an OPA error body: " + excerpt(body);
        }
        StringBuilder sb = new StringBuilder(error.path("code").asText());
        if (error.path("message").isTextual()) {
            sb.append(": ").append(error.path("message").asText());
        }
        for (JsonNode e : error.path("errors")) {
            sb.append("; ").append(e.path("code").asText("error")).append(": ").append(e.path("message").asText());
            JsonNode location = e.path("location");
            if (location.isObject()) {
                sb.append(" (").append(location.path("file").asText("?")).append(':')
                        .append(location.path("row").asText("?")).append(')');
            }
        }
        return sb.length() > MAX_DETAIL_CHARS ? sb.substring(0, MAX_DETAIL_CHARS) + "..." : sb.toString();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String excerpt(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty)";
        }
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }

    /** The address without user info or query, so a credential in the URL never reaches a message or log. */
    static String display(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
    }

    @Override
    public void close() {
        http.close();
    }
}
