package io.sluice.gateway.tls;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The server's TLS: a Netty {@link SslContext} over the configured PEM files or the
 * self-signed certificate, plus the {@code tls-server-end-point} channel binding data
 * (RFC 5929: the hash of the server certificate) that SCRAM-SHA-256-PLUS needs.
 */
public final class ServerTls {
    private final SslContext context;
    private final byte[] endPointBinding;

    private ServerTls(SslContext context, byte[] endPointBinding) {
        this.context = requireNonNull(context, "context is null");
        this.endPointBinding = endPointBinding;
    }

    /** Loads or creates the credentials the settings name; fails with a message naming the file. */
    public static ServerTls create(TlsSettings settings) {
        if (settings.certificate().isEmpty()) {
            return create(SelfSignedCertificates.loadOrCreate(settings.workDirectory()));
        }
        List<X509Certificate> chain = PemFiles.readCertificates(settings.certificate().get());
        return create(new ServerCredentials(PemFiles.readPrivateKey(settings.privateKey().orElseThrow()), chain));
    }

    public static ServerTls create(ServerCredentials credentials) {
        try {
            SslContext context = SslContextBuilder.forServer(credentials.privateKey(), credentials.chain().toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
            return new ServerTls(context, endPointHash(credentials.certificate()));
        } catch (SSLException e) {
            throw new TlsException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    public SslHandler newHandler(ByteBufAllocator allocator) {
        return context.newHandler(allocator);
    }

    /** The {@code tls-server-end-point} channel binding data. */
    public byte[] endPointBinding() {
        return endPointBinding.clone();
    }

    /** RFC 5929 section 4.1: the certificate's signature hash, with MD5 and SHA-1 replaced by SHA-256. */
    static byte[] endPointHash(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash = "SHA-256";
        if (algorithm.startsWith("SHA384")) {
            hash = "SHA-384";
        } else if (algorithm.startsWith("SHA512")) {
            hash = "SHA-512";
        }
        try {
            return MessageDigest.getInstance(hash).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new TlsException("cannot hash the server certificate: " + e.getMessage(), e);
        }
    }
}
