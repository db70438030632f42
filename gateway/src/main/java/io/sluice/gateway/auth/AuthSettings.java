package io.sluice.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How clients authenticate.
 *
 * @param users where SCRAM verifiers come from
 * @param cleartextOverTls offer cleartext password authentication (checked against the
 *     verifier) instead of SCRAM, and only on TLS connections; plaintext connections still use SCRAM
 * @param channelBinding offer SCRAM-SHA-256-PLUS (tls-server-end-point) on TLS connections
 * @param failureBaseDelay delay before answering the second consecutive failure of a user from one address; doubles after
 * @param failureMaxDelay upper bound of that delay
 * @param authenticationTimeout a client that has not finished authenticating by then is disconnected
 */
public record AuthSettings(UserStore users, boolean cleartextOverTls, boolean channelBinding, Duration failureBaseDelay,
        Duration failureMaxDelay, Duration authenticationTimeout) {
    public static final Duration DEFAULT_FAILURE_BASE_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_FAILURE_MAX_DELAY = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTHENTICATION_TIMEOUT = Duration.ofSeconds(60);

    public AuthSettings {
        requireNonNull(users, "users is null");
        requireNonNull(failureBaseDelay, "failureBaseDelay is null");
        requireNonNull(failureMaxDelay, "failureMaxDelay is null");
        requireNonNull(authenticationTimeout, "authenticationTimeout is null");
        if (failureBaseDelay.isNegative() || failureMaxDelay.isNegative() || authenticationTimeout.isNegative()
                || authenticationTimeout.isZero()) {
            throw new IllegalArgumentException("delays must not be negative and the authentication timeout must be positive");
        }
    }

    /** SCRAM only, channel binding offered over TLS, 0.5 s doubling to 10 s after failures, 60 s to authenticate. */
    public static AuthSettings defaults(UserStore users) {
        return new AuthSettings(users, false, true, DEFAULT_FAILURE_BASE_DELAY, DEFAULT_FAILURE_MAX_DELAY, DEFAULT_AUTHENTICATION_TIMEOUT);
    }

    public AuthSettings withCleartextOverTls(boolean enabled) {
        return new AuthSettings(users, enabled, channelBinding, failureBaseDelay, failureMaxDelay, authenticationTimeout);
    }

    public AuthSettings withChannelBinding(boolean enabled) {
        return new AuthSettings(users, cleartextOverTls, enabled, failureBaseDelay, failureMaxDelay, authenticationTimeout);
    }

    public AuthSettings withFailureDelays(Duration base, Duration max) {
        return new AuthSettings(users, cleartextOverTls, channelBinding, base, max, authenticationTimeout);
    }
}
