package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Per-statement limits.
 *
 * @param statementTimeout longest a statement may run; zero means no limit
 * @param maxRows          rows returned before the statement is cut off; zero means no limit
 */
public record Limits(Duration statementTimeout, long maxRows) {
    public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(5), 0);

    public Limits {
        requireNonNull(statementTimeout, "statementTimeout is null");
        if (statementTimeout.isNegative() || maxRows < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
