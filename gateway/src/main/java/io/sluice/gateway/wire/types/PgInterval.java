package io.sluice.gateway.wire.types;

import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL {@code interval}: months, days and microseconds are kept apart, as PostgreSQL
 * does (a month is not a fixed number of days, a day not always 24 hours).
 */
public record PgInterval(int months, int days, long microseconds) {
    public static final PgInterval ZERO = new PgInterval(0, 0, 0);

    public static PgInterval of(Period period, Duration duration) {
        return new PgInterval((int) period.toTotalMonths(), period.getDays(),
                Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000));
    }

    public static PgInterval of(Duration duration) {
        return of(Period.ZERO, duration);
    }

    public Period period() {
        return Period.of(0, months, days).normalized();
    }

    public Duration duration() {
        return Duration.ofNanos(Math.multiplyExact(microseconds, 1000L));
    }
}
