package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScramTest {
    // RFC 7677, section 3
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rfc7677TestVector() {
        ScramVerifier verifier = ScramVerifier.generate("pencil", SALT, 4096);
        ScramServerExchange exchange = new ScramServerExchange("user", Optional.of(verifier), new byte[16], "SCRAM-SHA-256",
                Optional.empty(), SERVER_NONCE);
        byte[] serverFirst = exchange.clientFirst(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(new String(serverFirst, StandardCharsets.UTF_8))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        byte[] serverFinal = exchange.clientFinal(utf8(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(new String(serverFinal, StandardCharsets.UTF_8)).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void wrongProofAndUnknownUserFailAlike() {
        ScramVerifier verifier = ScramVerifier.generate("other password", SALT, 4096);
        ScramServerExchange exchange = new ScramServerExchange("user", Optional.of(verifier), new byte[16], "SCRAM-SHA-256",
                Optional.empty(), SERVER_NONCE);
        exchange.clientFirst(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        String clientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
        assertThatThrownBy(() -> exchange.clientFinal(utf8(clientFinal)))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).isEqualTo("password authentication failed for user \"user\"");
                });
        byte[] mockSalt = ScramServerExchange.mockSalt(new byte[32], "user");
        ScramServerExchange unknown = new ScramServerExchange("user", Optional.empty(), mockSalt, "SCRAM-SHA-256",
                Optional.empty(), SERVER_NONCE);
        String first = new String(unknown.clientFirst(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")), StandardCharsets.UTF_8);
        assertThat(first).contains(",s=" + Base64.getEncoder().encodeToString(mockSalt) + ",i=4096");
        assertThat(ScramServerExchange.mockSalt(new byte[32], "user")).isEqualTo(mockSalt);
        assertThatThrownBy(() -> unknown.clientFinal(utf8(clientFinal)))
                .isInstanceOfSatisfying(AuthException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("password authentication failed for user \"user\""));
    }

    @Test
    void malformedMessagesAreProtocolViolations() {
        ScramVerifier verifier = ScramVerifier.generate("pencil", SALT, 4096);
        ScramServerExchange exchange = new ScramServerExchange("user", Optional.of(verifier), new byte[16], "SCRAM-SHA-256",
                Optional.empty(), SERVER_NONCE);
        assertThatThrownBy(() -> exchange.clientFirst(utf8("garbage")))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
        assertThatThrownBy(() -> new ScramServerExchange("user", Optional.of(verifier), new byte[16], "SCRAM-SHA-1",
                Optional.empty())).isInstanceOf(AuthException.class);
        ScramServerExchange plus = new ScramServerExchange("user", Optional.of(verifier), new byte[16], "SCRAM-SHA-256",
                Optional.of(new byte[32]), SERVER_NONCE);
        // 'y': the client thinks the server cannot bind, but it offered -PLUS: a downgrade attack
        assertThatThrownBy(() -> plus.clientFirst(utf8("y,,n=,r=abc"))).hasMessageContaining("channel binding negotiation");
    }

    @Test
    void channelBindingIsChecked() throws Exception {
        byte[] cb = new byte[32];
        cb[0] = 42;
        ScramVerifier verifier = ScramVerifier.generate("pencil", SALT, 4096);
        for (boolean correct : new boolean[] {true, false}) {
            ScramServerExchange exchange = new ScramServerExchange("user", Optional.of(verifier), new byte[16],
                    "SCRAM-SHA-256-PLUS", Optional.of(cb), SERVER_NONCE);
            String gs2 = "p=tls-server-end-point,,";
            String bare = "n=,r=abc";
            String serverFirst = new String(exchange.clientFirst(utf8(gs2 + bare)), StandardCharsets.UTF_8);
            byte[] bound = new byte[gs2.length() + cb.length];
            System.arraycopy(utf8(gs2), 0, bound, 0, gs2.length());
            System.arraycopy(cb, 0, bound, gs2.length(), cb.length);
            if (!correct) {
                bound[bound.length - 1] ^= 1;
            }
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(bound) + ",r=abc" + SERVER_NONCE;
            byte[] salted = ScramCrypto.saltedPassword(utf8("pencil"), SALT, 4096);
            byte[] clientKey = ScramCrypto.hmac(salted, utf8("Client Key"));
            byte[] signature = ScramCrypto.hmac(ScramCrypto.sha256(clientKey), utf8(bare + "," + serverFirst + "," + withoutProof));
            String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(ScramCrypto.xor(clientKey, signature));
            if (correct) {
                assertThat(new String(exchange.clientFinal(utf8(clientFinal)), StandardCharsets.UTF_8)).startsWith("v=");
            } else {
                assertThatThrownBy(() -> exchange.clientFinal(utf8(clientFinal))).isInstanceOf(AuthException.class);
            }
        }
    }

    @Test
    void verifierStringFormatIsPostgresCompatible() {
        ScramVerifier v = ScramVerifier.generate("correct horse");
        String text = v.toString();
        assertThat(text).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
        ScramVerifier parsed = ScramVerifier.parse(text);
        assertThat(parsed).isEqualTo(v);
        assertThat(parsed.matches("correct horse")).isTrue();
        assertThat(parsed.matches("Correct horse")).isFalse();
        assertThat(ScramVerifier.generate("pencil", SALT, 4096).toString()).isEqualTo(
                "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
        assertThatThrownBy(() -> ScramVerifier.parse("md5abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saslPrepNormalisesLikePostgres() {
        // U+00A0 (no-break space) maps to a space; U+00AD (soft hyphen) maps to nothing; NFKC folds the ligature.
        assertThat(SaslPrep.normalize("a\u00A0b\u00ADc\uFB01")).isEqualTo(utf8("a bcfi"));
        // a prohibited character: the raw bytes are used
        assertThat(SaslPrep.normalize("\u0007é")).isEqualTo(utf8("\u0007é"));
    }

    @Test
    void userStoreFile() {
        ScramVerifier v = ScramVerifier.generate("pw");
        InMemoryUserStore store = InMemoryUserStore.parse("# users\n\nana:" + v + "\n");
        assertThat(store.verifier("ana")).contains(v);
        assertThat(store.verifier("bob")).isEmpty();
        assertThatThrownBy(() -> InMemoryUserStore.parse("ana")).hasMessageContaining("line 1");
        assertThat(InMemoryUserStore.parse(InMemoryUserStore.line("bob", v)).verifier("bob")).contains(v);
        assertThatThrownBy(() -> InMemoryUserStore.line("a b", v)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throttleDoublesPerUserAndAddressAndForgets() {
        MutableClock clock = new MutableClock();
        AuthFailureThrottle throttle = new AuthFailureThrottle(Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofMinutes(1), 10, clock);
        InetAddress a = InetAddress.getLoopbackAddress();
        assertThat(throttle.recordFailure("u", a)).isZero();
        assertThat(throttle.recordFailure("u", a)).isEqualTo(Duration.ofMillis(100));
        assertThat(throttle.recordFailure("u", a)).isEqualTo(Duration.ofMillis(200));
        assertThat(throttle.recordFailure("u", a)).isEqualTo(Duration.ofMillis(350));
        assertThat(throttle.recordFailure("other", a)).isZero();
        throttle.recordSuccess("u", a);
        assertThat(throttle.recordFailure("u", a)).isZero();
        assertThat(throttle.recordFailure("u", a)).isEqualTo(Duration.ofMillis(100));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(throttle.recordFailure("u", a)).isZero();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void settingsDefaults() {
        UserStore users = u -> Optional.empty();
        AuthSettings s = AuthSettings.defaults(users);
        assertThat(s.users()).isSameAs(users);
        assertThat(s.cleartextOverTls()).isFalse();
        assertThat(s.channelBinding()).isTrue();
        assertThat(s.failureBaseDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.failureMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.authenticationTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.withCleartextOverTls(true).cleartextOverTls()).isTrue();
        assertThat(s.withChannelBinding(false).channelBinding()).isFalse();
        assertThatThrownBy(() -> s.withFailureDelays(Duration.ofMillis(-1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
