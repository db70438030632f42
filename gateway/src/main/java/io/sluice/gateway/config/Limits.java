package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Per-statement limits.
 *
 * @param statementTimeout longest a statement may run; zero means no limit
 * @param maxRows          rows returned before the statement is cut off; zero means no limit
 * @param dependentJoinKeys most distinct keys a dependent join sends to a source to filter the
 *                         other side of a cross-source join there; more, and that side is read
 *                         whole. Zero turns dependent joins off.
 * @param statementMemory  bytes one statement's sorts, hash tables and windows may hold (estimated
 *                         from the rows they take in); more fails the statement with 53200
 */
public record Limits(Duration statementTimeout, long maxRows, int dependentJoinKeys, long statementMemory) {
    public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(5), 0, 20_000, 1L << 30);

    public Limits {
        requireNonNull(statementTimeout, "statementTimeout is null");
        if (statementTimeout.isNegative() || maxRows < 0 || dependentJoinKeys < 0 || statementMemory <= 0) {
            throw new IllegalArgumentException("limits must not be negative, and statement memory must be positive");
        }
    }

    public Limits withStatementTimeout(Duration timeout) {
        return new Limits(timeout, maxRows, dependentJoinKeys, statementMemory);
    }

    public Limits withDependentJoinKeys(int keys) {
        return new Limits(statementTimeout, maxRows, keys, statementMemory);
    }

    public Limits withStatementMemory(long bytes) {
        return new Limits(statementTimeout, maxRows, dependentJoinKeys, bytes);
    }
}
