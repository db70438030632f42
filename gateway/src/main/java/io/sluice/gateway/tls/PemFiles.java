package io.sluice.gateway.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes PEM certificates and private keys (PKCS#8, PKCS#1 RSA and SEC1 EC keys) with Bouncy Castle. */
public final class PemFiles {
    private PemFiles() {}

    /** All certificates in a PEM file, leaf first. */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new TlsException("cannot read TLS certificate " + file + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new TlsException("no certificate found in " + file + " (expected a PEM file with -----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The first private key in a PEM file. Encrypted keys are not supported. */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                switch (o) {
                    case PEMKeyPair pair -> {
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new TlsException("cannot read TLS private key " + file + ": " + e.getMessage(), e);
        }
        throw new TlsException("no unencrypted private key found in " + file
                + " (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----)");
    }

    /** Writes objects as PEM; the file is created readable by its owner only when the file system allows. */
    public static void write(Path file, boolean secret, Object... objects) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                for (Object o : objects) {
                    if (o instanceof java.security.PrivateKey key) {
                        // PKCS#8 ("BEGIN PRIVATE KEY"): readable by Netty, OpenSSL and PostgreSQL alike.
                        pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
                    } else {
                        pem.writeObject(o);
                    }
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TlsException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
