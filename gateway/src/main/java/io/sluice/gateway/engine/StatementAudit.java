package io.sluice.gateway.engine;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.FragmentRun;
import io.sluice.gateway.audit.AuditLog;
import io.sluice.gateway.audit.AuditRecord;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.AccessSummary;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.sys.RunningStatements;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes exactly one audit record per statement, when it ends — completed, denied, failed or
 * cancelled — and waits until the record is durable before the caller may report the end to the
 * client. Runs on the statement's worker thread, never on an event loop. When the log cannot be
 * written, new statements are refused, and a statement whose record could not be written ends in
 * an error instead of completing. Between its begin and its record, a statement is listed in
 * {@link RunningStatements} ({@code sys.queries}).
 */
final class StatementAudit {
    private static final long WAIT_SECONDS = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final AuditLog log;
    private final Clock clock;
    private final RunningStatements running;
    private final String instance = Long.toHexString(System.currentTimeMillis() & 0xffffffL);
    private final AtomicLong counter = new AtomicLong();

    StatementAudit(AuditLog log, Clock clock, RunningStatements running) {
        this.log = requireNonNull(log, "log is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.running = requireNonNull(running, "running is null");
    }

    /** One statement in flight: who, what, since when. */
    record Statement(String queryId, SessionContext session, String sql, String kind, Instant startedAt,
            long startNanos) {}

    /** Refuses to start a statement that could not be audited. */
    Statement begin(SessionContext session, String sql, String kind) {
        log.failure().ifPresent(f -> {
            throw new SluiceException(SqlState.AUDIT_UNAVAILABLE,
                    "statement refused: the audit log cannot be written (" + f.getMessage() + ")");
        });
        Instant now = clock.instant();
        String id = "q_" + DAY.format(now) + "_" + instance + "_" + counter.incrementAndGet();
        Statement statement = new Statement(id, session, sql, kind, now, System.nanoTime());
        running.begin(new RunningStatements.Running(id, session.user(), sql, kind, now, statement.startNanos(),
                () -> 0));
        return statement;
    }

    /** The statement failed before producing a cursor (parse, validation, policy). */
    void failed(Statement statement, SluiceException error) {
        write(statement, base(statement, Optional.empty(), List.of(), 0).error(outcomeOf(error),
                error.state().code(), error.getMessage()).build());
    }

    /** Records the statement when its cursor ends. */
    void attach(Statement statement, ResultCursor cursor, AccessSummary access) {
        running.counting(statement.queryId(), cursor::rowsSoFar);
        cursor.onEnd(ending -> {
            AuditRecord.Builder record = base(statement, Optional.of(access), cursor.fragments().runs(),
                    ending.rows()).bytes(ending.bytes());
            switch (ending.kind()) {
                case COMPLETED, CLOSED_EARLY -> record.outcome(AuditRecord.Outcome.OK);
                case CANCELLED -> record.error(AuditRecord.Outcome.CANCELLED, SqlState.QUERY_CANCELED.code(),
                        ending.error().map(Throwable::getMessage).orElse("closed after a cancel"));
                case FAILED -> {
                    SluiceException e = ending.error().orElseThrow();
                    record.error(outcomeOf(e), e.state().code(), e.getMessage());
                }
            }
            write(statement, record.build());
        });
    }

    private AuditRecord.Builder base(Statement statement, Optional<AccessSummary> access, List<FragmentRun> runs,
            long rows) {
        SessionContext session = statement.session();
        SessionContext.Client client = session.client();
        AuditRecord.Builder b = AuditRecord.builder(statement.queryId(), session.user(), statement.sql())
                .time(statement.startedAt())
                .groups(session.groups())
                .client(AuditRecord.Client.of(client.address(), client.application(), client.protocol()))
                .kind(statement.kind())
                .rows(rows)
                .durationMs(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - statement.startNanos()));
        access.ifPresent(a -> {
            a.tables().forEach(t -> b.table(t.key(), t.columns()));
            a.policy().ifPresent(p -> b.policy(summary(p)));
        });
        runs.forEach(run -> b.fragment(AuditRecord.Fragment.of(run)));
        return b;
    }

    private static AuditRecord.PolicySummary summary(AccessSummary.PolicyApplied policy) {
        java.util.Set<String> rules = new java.util.LinkedHashSet<>();
        List<AuditRecord.TablePolicy> tables = new ArrayList<>();
        for (AccessSummary.TableRules t : policy.tables()) {
            List<AuditRecord.RowFilter> filters = t.filters().stream()
                    .map(f -> new AuditRecord.RowFilter(f.rule(), f.what())).toList();
            List<AuditRecord.ColumnMask> masks = t.masks().stream()
                    .map(m -> new AuditRecord.ColumnMask(m.target().orElse(""), m.what(), m.rule())).toList();
            t.filters().forEach(f -> rules.add(f.rule()));
            t.masks().forEach(m -> rules.add(m.rule()));
            tables.add(new AuditRecord.TablePolicy(t.table(), filters, masks));
        }
        return new AuditRecord.PolicySummary(policy.decisionId(), policy.revision(), List.copyOf(rules), tables);
    }

    private static AuditRecord.Outcome outcomeOf(SluiceException e) {
        return switch (e.state()) {
            case INSUFFICIENT_PRIVILEGE -> AuditRecord.Outcome.DENIED;
            case QUERY_CANCELED -> AuditRecord.Outcome.CANCELLED;
            default -> AuditRecord.Outcome.FAILED;
        };
    }

    /** Writes the statement's record; the statement stops running then, whether or not the write worked. */
    private void write(Statement statement, AuditRecord record) {
        try {
            log.append(record).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while writing", e);
        } catch (ExecutionException e) {
            throw unavailable(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw unavailable("no write within " + WAIT_SECONDS + " s", e);
        } finally {
            running.end(statement.queryId());
        }
    }

    private static SluiceException unavailable(String why, Throwable cause) {
        return new SluiceException(SqlState.AUDIT_UNAVAILABLE,
                "the statement's audit record could not be written (" + why + "); its result is withheld",
                OptionalInt.empty(), cause);
    }
}
