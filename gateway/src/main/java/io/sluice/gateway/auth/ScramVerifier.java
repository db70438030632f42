package io.sluice.gateway.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user store keeps instead of a password: a SCRAM-SHA-256 verifier, in the same string
 * form PostgreSQL stores in {@code pg_authid.rolpassword}:
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 * A verifier can check a proof but cannot be turned back into the password.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final Pattern FORMAT = Pattern.compile(
            "SCRAM-SHA-256\\$(\\d+):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramVerifier {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        if (salt.length == 0 || storedKey.length != 32 || serverKey.length != 32) {
            throw new IllegalArgumentException("invalid SCRAM-SHA-256 verifier");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** A verifier for a password with a fresh random 16-byte salt and 4096 iterations (PostgreSQL's defaults). */
    public static ScramVerifier generate(String password) {
        return generate(password, DEFAULT_ITERATIONS);
    }

    public static ScramVerifier generate(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return generate(password, salt, iterations);
    }

    public static ScramVerifier generate(String password, byte[] salt, int iterations) {
        byte[] salted = ScramCrypto.saltedPassword(SaslPrep.normalize(password), salt, iterations);
        return fromSaltedPassword(salted, salt, iterations);
    }

    static ScramVerifier fromSaltedPassword(byte[] salted, byte[] salt, int iterations) {
        byte[] clientKey = ScramCrypto.hmac(salted, "Client Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] serverKey = ScramCrypto.hmac(salted, "Server Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return new ScramVerifier(iterations, salt, ScramCrypto.sha256(clientKey), serverKey);
    }

    /** Parses PostgreSQL's verifier string. */
    public static ScramVerifier parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier (expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>)");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            return new ScramVerifier(Integer.parseInt(m.group(1)), b64.decode(m.group(2)), b64.decode(m.group(3)), b64.decode(m.group(4)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid iteration count in SCRAM verifier", e);
        }
    }

    /** Checks a plain password (for cleartext authentication over TLS) in constant time. */
    public boolean matches(String password) {
        ScramVerifier other = generate(password, salt, iterations);
        return MessageDigest.isEqual(storedKey, other.storedKey) & MessageDigest.isEqual(serverKey, other.serverKey);
    }

    /** PostgreSQL's string form. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && iterations == v.iterations && MessageDigest.isEqual(salt, v.salt)
                && MessageDigest.isEqual(storedKey, v.storedKey) && MessageDigest.isEqual(serverKey, v.serverKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(storedKey);
    }
}
