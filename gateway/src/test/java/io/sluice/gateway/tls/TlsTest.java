package io.sluice.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.auth.AuthSettings;
import io.sluice.gateway.auth.InMemoryUserStore;
import io.sluice.gateway.wire.ListenerSettings;
import io.sluice.gateway.wire.PgServer;
import io.sluice.gateway.wire.testing.TestBackend;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsCreatedOnceAndKept() throws Exception {
        ServerCredentials first = SelfSignedCertificates.loadOrCreate(dir);
        ServerCredentials second = SelfSignedCertificates.loadOrCreate(dir);
        assertThat(second.certificate().getEncoded()).isEqualTo(first.certificate().getEncoded());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(Files.readString(dir.resolve(SelfSignedCertificates.KEY_FILE))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SelfSignedCertificates.KEY_FILE))))
                .isEqualTo("rw-------");
        X509Certificate cert = first.certificate();
        cert.checkValidity();
        assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString()).contains("localhost", "127.0.0.1");
        assertThat(ServerTls.endPointHash(cert)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    @Test
    void configuredPemFilesWithAnRsaPkcs1KeyServeVerifiedTls() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86_400)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Path certFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server-key.pem");
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(certFile))) {
            w.writeObject(cert);
        }
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(keyFile))) {
            w.writeObject(pair); // PKCS#1: -----BEGIN RSA PRIVATE KEY-----
        }
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        TlsSettings tls = TlsSettings.defaults().withMode(TlsMode.REQUIRED).withPemFiles(certFile, keyFile);
        try (PgServer server = PgServer.start(ListenerSettings.defaults().withAddress("127.0.0.1", 0), tls,
                AuthSettings.defaults(new InMemoryUserStore().withPassword("ana", "pw")), new TestBackend())) {
            Properties p = new Properties();
            p.setProperty("user", "ana");
            p.setProperty("password", "pw");
            p.setProperty("sslmode", "verify-full");
            p.setProperty("sslrootcert", certFile.toString());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/db", p);
                    ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void badMaterialFailsWithTheFileName() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> PemFiles.readCertificates(empty)).isInstanceOf(TlsException.class).hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(empty)).isInstanceOf(TlsException.class).hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> ServerTls.create(TlsSettings.defaults().withPemFiles(dir.resolve("missing.crt"), empty)))
                .isInstanceOf(TlsException.class).hasMessageContaining("missing.crt");
    }

    @Test
    void settingsDefaults() {
        TlsSettings d = TlsSettings.defaults();
        assertThat(d.mode()).isEqualTo(TlsMode.OPTIONAL);
        assertThat(d.certificate()).isEmpty();
        assertThat(d.privateKey()).isEmpty();
        assertThat(d.workDirectory()).isEqualTo(Path.of("work", "tls"));
        assertThat(d.enabled()).isTrue();
        assertThat(TlsSettings.disabled().enabled()).isFalse();
        assertThat(d.withPemFiles(Path.of("a"), Path.of("b")).certificate()).contains(Path.of("a"));
        assertThatThrownBy(() -> new TlsSettings(TlsMode.REQUIRED, Optional.of(Path.of("a")), Optional.empty(), Path.of(".")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SelfSignedCertificates.generate(List.of("example.org")).certificate().getSubjectX500Principal().getName())
                .contains("CN=example.org");
    }
}
