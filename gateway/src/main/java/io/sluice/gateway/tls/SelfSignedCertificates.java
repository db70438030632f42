package io.sluice.gateway.tls;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate (EC P-256, SHA256withECDSA, 10 years, SAN localhost,
 * 127.0.0.1 and ::1) generated with Bouncy Castle at first start and kept in a
 * work directory as {@code server.crt} / {@code server.key}, so clients that pin it keep working
 * across restarts.
 */
public final class SelfSignedCertificates {
    public static final String CERTIFICATE_FILE = "server.crt";
    public static final String KEY_FILE = "server.key";

    private SelfSignedCertificates() {}

    /** Loads the certificate and key from {@code directory}, generating them first if absent. */
    public static ServerCredentials loadOrCreate(Path directory) {
        Path cert = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(KEY_FILE);
        if (!Files.exists(cert) || !Files.exists(key)) {
            synchronized (SelfSignedCertificates.class) {
                if (!Files.exists(cert) || !Files.exists(key)) {
                    ServerCredentials created = generate(localNames());
                    PemFiles.write(key, true, created.privateKey());
                    PemFiles.write(cert, false, created.chain().getFirst());
                }
            }
        }
        return new ServerCredentials(PemFiles.readPrivateKey(key), PemFiles.readCertificates(cert));
    }

    /** Loopback names only: resolving the host name can stall start-up for seconds where DNS is slow. */
    private static List<String> localNames() {
        return List.of("localhost", "127.0.0.1", "::1");
    }

    /** Generates a fresh key pair and self-signed certificate for the given DNS names / IP addresses. */
    public static ServerCredentials generate(List<String> names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + names.getFirst() + ",O=Sluice self-signed");
            BigInteger serial = new BigInteger(64, new SecureRandom());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
            List<GeneralName> sans = new ArrayList<>();
            for (String name : names) {
                boolean ip = name.chars().allMatch(c -> Character.isDigit(c) || c == '.') || name.contains(":");
                sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServerCredentials(pair.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new TlsException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }
}
