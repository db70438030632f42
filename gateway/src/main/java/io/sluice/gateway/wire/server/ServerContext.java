package io.sluice.gateway.wire.server;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.auth.AuthFailureThrottle;
import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.tls.ServerTls;
import io.sluice.gateway.tls.TlsSettings;
import io.sluice.gateway.wire.ListenerSettings;
import io.sluice.gateway.wire.SessionFactory;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection of one server shares. */
public record ServerContext(ListenerSettings listener, TlsSettings tlsSettings, Optional<ServerTls> tls, AuthSettings auth,
        AuthFailureThrottle throttle, byte[] mockSaltKey, SessionFactory sessions, ExecutorService workers,
        CancelRegistry cancels, AtomicInteger connections) {
    public ServerContext {
        requireNonNull(listener, "listener is null");
        requireNonNull(tlsSettings, "tlsSettings is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(auth, "auth is null");
        requireNonNull(throttle, "throttle is null");
        requireNonNull(mockSaltKey, "mockSaltKey is null");
        requireNonNull(sessions, "sessions is null");
        requireNonNull(workers, "workers is null");
        requireNonNull(cancels, "cancels is null");
        requireNonNull(connections, "connections is null");
    }
}
