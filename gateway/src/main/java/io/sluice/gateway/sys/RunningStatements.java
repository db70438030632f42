package io.sluice.gateway.sys;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.audit.AuditRedaction;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The statements running now, behind {@code sys.queries}. A statement is added when it begins
 * and removed exactly once when it ends, however it ends; the engine's statement audit does both,
 * next to the begin and the end of the audit record.
 */
public final class RunningStatements {
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /**
     * One statement in flight.
     *
     * @param rowsSoFar rows handed to the client so far; read from another thread, so possibly a
     *                  row or two behind
     */
    public record Running(String queryId, String user, String sql, String kind, Instant startedAt, long startNanos,
            LongSupplier rowsSoFar) {
        public Running {
            requireNonNull(queryId, "queryId is null");
            requireNonNull(user, "user is null");
            // Shown to others through sys.queries: secrets typed into it stay out, as in the audit log.
            sql = AuditRedaction.redact(requireNonNull(sql, "sql is null"));
            requireNonNull(kind, "kind is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(rowsSoFar, "rowsSoFar is null");
        }

        Running withRows(LongSupplier rows) {
            return new Running(queryId, user, sql, kind, startedAt, startNanos, rows);
        }
    }

    public void begin(Running statement) {
        running.put(statement.queryId(), statement);
    }

    /** The statement now has a cursor whose rows can be counted. */
    public void counting(String queryId, LongSupplier rows) {
        running.computeIfPresent(queryId, (id, statement) -> statement.withRows(rows));
    }

    public void end(String queryId) {
        running.remove(queryId);
    }

    /** The running statements, oldest first. */
    public List<Running> now() {
        return running.values().stream().sorted(Comparator.comparingLong(Running::startNanos)).toList();
    }
}
