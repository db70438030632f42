package io.sluice.gateway.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The Ed25519 key pair that signs checkpoints (Bouncy Castle). The private key is a PKCS#8 PEM
 * file created with mode 0600 at first start and refused later if others can read it; the
 * public key is a SubjectPublicKeyInfo PEM beside it, all a verifier needs. Signatures are over
 * {@code "sluice-audit-checkpoint:" + hash} so they cannot be replayed as anything else.
 *
 * <p>The key id is the first 16 hex digits of SHA-256 over the encoded public key; it is written
 * in every checkpoint and printed by {@code audit verify}, so an admin can compare it with the
 * id recorded when the gateway was installed (a public key beside the logs proves nothing
 * against someone who could replace both).
 */
public final class AuditKeys {
    private static final String DOMAIN = "sluice-audit-checkpoint:";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Optional<Ed25519PrivateKeyParameters> privateKey;
    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    private AuditKeys(Optional<Ed25519PrivateKeyParameters> privateKey, Ed25519PublicKeyParameters publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = AuditJson.sha256(publicKey.getEncoded()).substring(0, 16);
    }

    /**
     * Loads the signing key, or creates the pair when the private key file does not exist yet.
     * The public key file is (re)written from the private key when missing.
     */
    public static AuditKeys loadOrCreate(Path privateKeyFile, Path publicKeyFile) {
        try {
            if (Files.notExists(privateKeyFile)) {
                create(privateKeyFile);
            }
            checkOwnerOnly(privateKeyFile);
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(pem(privateKeyFile, "PRIVATE KEY"));
            if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
                throw new AuditException(privateKeyFile + ": not an Ed25519 private key");
            }
            AuditKeys keys = new AuditKeys(Optional.of(ed), ed.generatePublicKey());
            if (Files.notExists(publicKeyFile)) {
                keys.exportPublicKey(publicKeyFile);
            } else if (!readPublicKey(publicKeyFile).keyId().equals(keys.keyId())) {
                throw new AuditException(publicKeyFile + " does not belong to the signing key " + privateKeyFile
                        + "; move it aside and it will be exported again");
            }
            return keys;
        } catch (IOException e) {
            throw new AuditException("cannot load the audit signing key " + privateKeyFile + ": " + e.getMessage(), e);
        }
    }

    /** A verifier's view: the public key only. */
    public static AuditKeys readPublicKey(Path publicKeyFile) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(pem(publicKeyFile, "PUBLIC KEY"));
            if (!(key instanceof Ed25519PublicKeyParameters ed)) {
                throw new AuditException(publicKeyFile + ": not an Ed25519 public key");
            }
            return new AuditKeys(Optional.empty(), ed);
        } catch (NoSuchFileException e) {
            throw new AuditException(publicKeyFile + ": no such public key file");
        } catch (IOException | IllegalArgumentException e) {
            throw new AuditException(publicKeyFile + ": not a PEM public key (" + e.getMessage() + ")", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    String sign(String hash) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey.orElseThrow(() -> new IllegalStateException("a verifier cannot sign")));
        byte[] message = (DOMAIN + hash).getBytes(StandardCharsets.US_ASCII);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    boolean verify(String hash, String signature) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        byte[] message = (DOMAIN + hash).getBytes(StandardCharsets.US_ASCII);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(sig);
    }

    private static void create(Path privateKeyFile) throws IOException {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        String pem = toPem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
        Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
        // Created with 0600 in one step: the key is never readable by others, not even briefly.
        try (SeekableByteChannel out = Files.newByteChannel(privateKeyFile,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            out.write(java.nio.ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (FileAlreadyExistsException e) {
            // Another process created it between our check and now: use theirs.
        }
    }

    private void exportPublicKey(Path publicKeyFile) throws IOException {
        Files.createDirectories(publicKeyFile.toAbsolutePath().getParent());
        Files.writeString(publicKeyFile,
                toPem("PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded()));
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(mode)) {
            throw new AuditException("the audit signing key " + file + " is readable by others (mode "
                    + PosixFilePermissions.toString(mode) + "); run: chmod 600 " + file);
        }
    }

    private static byte[] pem(Path file, String type) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !object.getType().equals(type)) {
                throw new AuditException(file + ": expected a PEM '" + type + "' block");
            }
            return object.getContent();
        }
    }

    private static String toPem(String type, byte[] der) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        }
        return text.toString();
    }
}
