package io.sluice.gateway.tls;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS of the PostgreSQL listener.
 *
 * @param mode disabled, optional or required
 * @param certificate PEM file with the server certificate (chain); empty to use a self-signed one
 * @param privateKey PEM file with its private key (PKCS#8 or PKCS#1/SEC1); required with {@code certificate}
 * @param workDirectory where a self-signed certificate is generated at first start and kept
 */
public record TlsSettings(TlsMode mode, Optional<Path> certificate, Optional<Path> privateKey, Path workDirectory) {
    public static final Path DEFAULT_WORK_DIRECTORY = Path.of("work", "tls");

    public TlsSettings {
        requireNonNull(mode, "mode is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(workDirectory, "workDirectory is null");
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("TLS certificate and private key must be configured together");
        }
    }

    /** Optional TLS with a self-signed certificate kept in {@code work/tls}. */
    public static TlsSettings defaults() {
        return new TlsSettings(TlsMode.OPTIONAL, Optional.empty(), Optional.empty(), DEFAULT_WORK_DIRECTORY);
    }

    public static TlsSettings disabled() {
        return defaults().withMode(TlsMode.DISABLED);
    }

    public TlsSettings withMode(TlsMode newMode) {
        return new TlsSettings(newMode, certificate, privateKey, workDirectory);
    }

    public TlsSettings withPemFiles(Path newCertificate, Path newPrivateKey) {
        return new TlsSettings(mode, Optional.of(newCertificate), Optional.of(newPrivateKey), workDirectory);
    }

    public TlsSettings withWorkDirectory(Path newWorkDirectory) {
        return new TlsSettings(mode, certificate, privateKey, newWorkDirectory);
    }

    public boolean enabled() {
        return mode != TlsMode.DISABLED;
    }
}
