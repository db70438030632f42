package io.sluice.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: each failed login of a user from one address doubles the delay
 * before the next failure is answered (the first failure is answered at once), up to a maximum;
 * a success or a quiet period clears the count. The caller applies the delay without blocking
 * (Netty's scheduler). Memory is bounded: at most {@code maxEntries} user/address pairs are kept.
 */
public final class AuthFailureThrottle {
    private record Key(String user, InetAddress address) {}

    private record Failures(int count, Instant last) {}

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration forgetAfter;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

    public AuthFailureThrottle(Duration baseDelay, Duration maxDelay, Duration forgetAfter, int maxEntries, Clock clock) {
        this.baseDelay = requireNonNull(baseDelay, "baseDelay is null");
        this.maxDelay = requireNonNull(maxDelay, "maxDelay is null");
        this.forgetAfter = requireNonNull(forgetAfter, "forgetAfter is null");
        this.maxEntries = maxEntries;
        this.clock = requireNonNull(clock, "clock is null");
    }

    public AuthFailureThrottle(AuthSettings settings) {
        this(settings.failureBaseDelay(), settings.failureMaxDelay(), Duration.ofMinutes(15), 100_000, Clock.systemUTC());
    }

    /** Records a failure and returns how long to wait before telling the client. */
    public Duration recordFailure(String user, InetAddress address) {
        Instant now = clock.instant();
        if (failures.size() >= maxEntries) {
            failures.entrySet().removeIf(e -> e.getValue().last().plus(forgetAfter).isBefore(now));
            if (failures.size() >= maxEntries) {
                failures.clear();
            }
        }
        Failures updated = failures.compute(new Key(user, address), (k, old) ->
                old == null || old.last().plus(forgetAfter).isBefore(now) ? new Failures(1, now) : new Failures(old.count() + 1, now));
        return delayFor(updated.count());
    }

    /** Clears the failures of a user at an address after a successful login. */
    public void recordSuccess(String user, InetAddress address) {
        failures.remove(new Key(user, address));
    }

    /** The delay after the given number of consecutive failures: 0, base, 2 base, 4 base, ... up to max. */
    Duration delayFor(int count) {
        if (count <= 1) {
            return Duration.ZERO;
        }
        int shift = Math.min(count - 2, 30);
        Duration d = baseDelay.multipliedBy(1L << shift);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
