package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Per-statement limits.
 *
 * @param statementTimeout       longest a statement may run; zero means no limit
 * @param maxRows                rows returned before the statement is cut off; zero means no limit
 * @param dependentJoinKeys      most distinct keys a dependent join sends to a source as
 *                               {@code IN (?, ...)} lists (MariaDB, MySQL, files) to filter the
 *                               other side of a cross-source join there; more, and that side is
 *                               read whole. Each batch of 256 keys is a query, so past about
 *                               20,000 keys reading a table whole is cheaper. Zero turns these off.
 * @param dependentJoinArrayKeys the same for sources that take the keys as one array parameter
 *                               ({@code key = ANY (?)}, PostgreSQL): a key costs a few bytes and
 *                               a hash entry there, so many more pay off. Zero turns these off.
 * @param statementMemory        bytes one statement's sorts, hash tables and windows may hold
 *                               (estimated from the rows they take in); more fails the statement with 53200
 */
public record Limits(Duration statementTimeout, long maxRows, int dependentJoinKeys, int dependentJoinArrayKeys,
        long statementMemory) {
    public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(5), 0, 20_000, 100_000, 1L << 30);

    public Limits {
        requireNonNull(statementTimeout, "statementTimeout is null");
        if (statementTimeout.isNegative() || maxRows < 0 || dependentJoinKeys < 0 || dependentJoinArrayKeys < 0
                || statementMemory <= 0) {
            throw new IllegalArgumentException("limits must not be negative, and statement memory must be positive");
        }
    }

    public Limits withStatementTimeout(Duration timeout) {
        return new Limits(timeout, maxRows, dependentJoinKeys, dependentJoinArrayKeys, statementMemory);
    }

    /** Both key limits: as IN lists and as arrays. */
    public Limits withDependentJoinKeys(int inListKeys, int arrayKeys) {
        return new Limits(statementTimeout, maxRows, inListKeys, arrayKeys, statementMemory);
    }

    public Limits withoutDependentJoins() {
        return withDependentJoinKeys(0, 0);
    }

    public Limits withStatementMemory(long bytes) {
        return new Limits(statementTimeout, maxRows, dependentJoinKeys, dependentJoinArrayKeys, bytes);
    }
}
