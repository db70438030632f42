package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.tls.TlsMode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL listener: where it binds and whether it speaks TLS. Without a certificate a
 * self-signed one is generated at first start and kept in the work directory.
 */
public record ListenerConfig(String host, int port, TlsMode tls, Optional<Path> certificate,
        Optional<Path> privateKey) {
    public static final ListenerConfig DEFAULTS =
            new ListenerConfig("127.0.0.1", 5433, TlsMode.OPTIONAL, Optional.empty(), Optional.empty());

    public ListenerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
    }

    public ListenerConfig withPort(int newPort) {
        return new ListenerConfig(host, newPort, tls, certificate, privateKey);
    }
}
