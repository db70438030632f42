package io.sluice.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of one SCRAM-SHA-256(-PLUS) exchange (RFC 5802, RFC 7677, channel binding
 * type {@code tls-server-end-point} of RFC 5929), independent of Netty:
 *
 * <pre>
 *  client-first  "n,,n=,r=&lt;cnonce&gt;"            ─▶ {@link #clientFirst}  ─▶ "r=&lt;cnonce+snonce&gt;,s=&lt;salt&gt;,i=&lt;iter&gt;"
 *  client-final  "c=&lt;cb&gt;,r=&lt;nonce&gt;,p=&lt;proof&gt;"  ─▶ {@link #clientFinal} ─▶ "v=&lt;server signature&gt;"  (or AuthException)
 * </pre>
 *
 * As PostgreSQL does, the user name inside the SCRAM messages is ignored (the start-up user
 * counts). For an unknown user the exchange runs with a mock verifier and fails at the proof,
 * exactly like a wrong password.
 */
public final class ScramServerExchange {
    public static final String MECHANISM = "SCRAM-SHA-256";
    public static final String MECHANISM_PLUS = "SCRAM-SHA-256-PLUS";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State {
        EXPECT_CLIENT_FIRST,
        EXPECT_CLIENT_FINAL,
        DONE
    }

    private final String user;
    private final ScramVerifier verifier;
    private final boolean userKnown;
    private final String mechanism;
    private final Optional<byte[]> channelBinding;
    private final String serverNonce;
    private State state = State.EXPECT_CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /**
     * @param verifier the user's verifier, or empty for an unknown user
     * @param mockSalt the salt to show for an unknown user (stable per user name)
     * @param mechanism the mechanism the client chose
     * @param channelBinding the {@code tls-server-end-point} data when the server offered -PLUS, else empty
     */
    public ScramServerExchange(String user, Optional<ScramVerifier> verifier, byte[] mockSalt, String mechanism,
            Optional<byte[]> channelBinding) {
        this(user, verifier, mockSalt, mechanism, channelBinding, randomNonce());
    }

    ScramServerExchange(String user, Optional<ScramVerifier> verifier, byte[] mockSalt, String mechanism,
            Optional<byte[]> channelBinding, String serverNonce) {
        this.user = requireNonNull(user, "user is null");
        this.userKnown = verifier.isPresent();
        this.verifier = verifier.orElseGet(() -> mockVerifier(mockSalt));
        this.mechanism = requireNonNull(mechanism, "mechanism is null");
        this.channelBinding = requireNonNull(channelBinding, "channelBinding is null");
        this.serverNonce = requireNonNull(serverNonce, "serverNonce is null");
        if (!mechanism.equals(MECHANISM) && !(mechanism.equals(MECHANISM_PLUS) && channelBinding.isPresent())) {
            throw AuthException.malformed("client selected an invalid SASL authentication mechanism");
        }
    }

    /** A salt for an unknown user that stays the same across attempts, so that probing reveals nothing. */
    public static byte[] mockSalt(byte[] serverSecret, String user) {
        byte[] mac = ScramCrypto.hmac(serverSecret, user.getBytes(StandardCharsets.UTF_8));
        return java.util.Arrays.copyOf(mac, 16);
    }

    private static ScramVerifier mockVerifier(byte[] salt) {
        byte[] stored = new byte[32];
        byte[] server = new byte[32];
        RANDOM.nextBytes(stored);
        RANDOM.nextBytes(server);
        return new ScramVerifier(ScramVerifier.DEFAULT_ITERATIONS, salt, stored, server);
    }

    private static String randomNonce() {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Handles client-first-message; returns server-first-message. */
    public byte[] clientFirst(byte[] message) {
        expect(State.EXPECT_CLIENT_FIRST);
        String text = new String(message, StandardCharsets.UTF_8);
        int first = text.indexOf(',');
        int second = first < 0 ? -1 : text.indexOf(',', first + 1);
        if (second < 0) {
            throw AuthException.malformed("missing GS2 header");
        }
        String cbFlag = text.substring(0, first);
        String authzid = text.substring(first + 1, second);
        if (!authzid.isEmpty() && !authzid.startsWith("a=")) {
            throw AuthException.malformed("invalid authorization identity");
        }
        boolean plus = mechanism.equals(MECHANISM_PLUS);
        switch (cbFlag) {
            case "n" -> {
                if (plus) {
                    throw AuthException.malformed("channel binding is required by SCRAM-SHA-256-PLUS");
                }
            }
            case "y" -> {
                // The client could do channel binding but thinks we cannot: a downgrade if we offered it.
                if (channelBinding.isPresent()) {
                    throw AuthException.malformed("SCRAM channel binding negotiation error");
                }
            }
            case "p=tls-server-end-point" -> {
                if (!plus) {
                    throw AuthException.malformed("channel binding used without selecting SCRAM-SHA-256-PLUS");
                }
            }
            default -> throw AuthException.malformed("unsupported channel binding flag " + cbFlag);
        }
        gs2Header = text.substring(0, second + 1);
        clientFirstBare = text.substring(second + 1);
        String clientNonce = null;
        for (String attr : clientFirstBare.split(",")) {
            if (attr.startsWith("r=")) {
                clientNonce = attr.substring(2);
            } else if (attr.startsWith("m=")) {
                throw AuthException.malformed("mandatory extensions are not supported");
            }
        }
        if (clientNonce == null || clientNonce.isEmpty() || !clientFirstBare.startsWith("n=")) {
            throw AuthException.malformed("missing user name or nonce");
        }
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i=" + verifier.iterations();
        state = State.EXPECT_CLIENT_FINAL;
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /** Handles client-final-message; returns server-final-message or throws {@link AuthException}. */
    public byte[] clientFinal(byte[] message) {
        expect(State.EXPECT_CLIENT_FINAL);
        state = State.DONE;
        String text = new String(message, StandardCharsets.UTF_8);
        int proofAt = text.lastIndexOf(",p=");
        if (!text.startsWith("c=") || proofAt < 0) {
            throw AuthException.malformed("missing channel binding or proof");
        }
        String withoutProof = text.substring(0, proofAt);
        String[] attrs = withoutProof.split(",");
        if (attrs.length < 2 || !attrs[1].startsWith("r=")) {
            throw AuthException.malformed("missing nonce");
        }
        byte[] expectedCb = gs2Header.getBytes(StandardCharsets.UTF_8);
        if (mechanism.equals(MECHANISM_PLUS)) {
            byte[] cb = channelBinding.orElseThrow();
            byte[] joined = new byte[expectedCb.length + cb.length];
            System.arraycopy(expectedCb, 0, joined, 0, expectedCb.length);
            System.arraycopy(cb, 0, joined, expectedCb.length, cb.length);
            expectedCb = joined;
        }
        byte[] clientCb;
        byte[] proof;
        try {
            clientCb = Base64.getDecoder().decode(attrs[0].substring(2));
            proof = Base64.getDecoder().decode(text.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw AuthException.malformed("invalid base64");
        }
        if (!MessageDigest.isEqual(clientCb, expectedCb)) {
            throw AuthException.failed(user, "SCRAM channel binding check failed");
        }
        if (!attrs[1].substring(2).equals(nonce)) {
            throw AuthException.malformed("nonce does not match");
        }
        if (proof.length != 32) {
            throw AuthException.malformed("invalid proof length");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramCrypto.hmac(verifier.storedKey(), authMessage);
        byte[] clientKey = ScramCrypto.xor(proof, clientSignature);
        boolean ok = MessageDigest.isEqual(ScramCrypto.sha256(clientKey), verifier.storedKey());
        if (!ok || !userKnown) {
            throw AuthException.failed(user, userKnown ? "wrong password" : "no such user");
        }
        byte[] serverSignature = ScramCrypto.hmac(verifier.serverKey(), authMessage);
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    }

    private void expect(State expected) {
        if (state != expected) {
            throw AuthException.malformed("unexpected SCRAM message");
        }
    }
}
