package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.DependentJoinRun;
import java.time.Duration;

/**
 * Per-statement limits.
 *
 * @param statementTimeout        longest a statement may run; zero means no limit
 * @param maxRows                 rows returned before the statement is cut off; zero means no limit
 * @param dependentJoinInListKeys most distinct keys a dependent join sends to a source as
 *                                {@code IN (?, ...)} lists (MariaDB, MySQL, SQLite, files) to
 *                                filter the other side of a cross-source join there; more, and
 *                                that side is read whole. Each batch of 256 keys is a query, so
 *                                past about 20,000 keys reading a table whole is cheaper. Zero
 *                                turns keys sent as IN lists off.
 * @param dependentJoinArrayKeys  the same for sources that take the keys as one array parameter
 *                                ({@code key = ANY (?)}, PostgreSQL): a key costs a few bytes and
 *                                a hash entry there, so many more pay off. Zero turns keys sent
 *                                as arrays off.
 * @param statementMemory         bytes one statement's sorts, hash tables and windows may hold
 *                                (estimated from the rows they take in); more fails the statement with 53200
 */
public record Limits(Duration statementTimeout, long maxRows, int dependentJoinInListKeys, int dependentJoinArrayKeys,
        long statementMemory) {
    public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(5), 0,
            DependentJoinRun.DEFAULT_MAX_IN_LIST_KEYS, DependentJoinRun.DEFAULT_MAX_ARRAY_KEYS, 1L << 30);

    public Limits {
        requireNonNull(statementTimeout, "statementTimeout is null");
        if (statementTimeout.isNegative() || maxRows < 0 || dependentJoinInListKeys < 0 || dependentJoinArrayKeys < 0
                || statementMemory <= 0) {
            throw new IllegalArgumentException("limits must not be negative, and statement memory must be positive");
        }
    }

    public Limits withStatementTimeout(Duration timeout) {
        return new Limits(timeout, maxRows, dependentJoinInListKeys, dependentJoinArrayKeys, statementMemory);
    }

    public Limits withDependentJoinInListKeys(int keys) {
        return new Limits(statementTimeout, maxRows, keys, dependentJoinArrayKeys, statementMemory);
    }

    public Limits withDependentJoinArrayKeys(int keys) {
        return new Limits(statementTimeout, maxRows, dependentJoinInListKeys, keys, statementMemory);
    }

    public Limits withoutDependentJoins() {
        return withDependentJoinInListKeys(0).withDependentJoinArrayKeys(0);
    }

    public Limits withStatementMemory(long bytes) {
        return new Limits(statementTimeout, maxRows, dependentJoinInListKeys, dependentJoinArrayKeys, bytes);
    }
}
