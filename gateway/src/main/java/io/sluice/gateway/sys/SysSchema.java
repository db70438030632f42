package io.sluice.gateway.sys;

import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

import io.sluice.gateway.audit.AuditEntry;
import io.sluice.gateway.audit.AuditRecord;
import io.sluice.gateway.audit.AuditSearch;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Sluice's own tables, queried with SQL like any other and governed by the same policy (as
 * source {@code sys}): {@code sys.audit}, one row per statement record in the audit log, and
 * {@code sys.queries}, the statements running now. Column names avoid words the parser reserves
 * or PostgreSQL gives a meaning ({@code user_name}, not {@code user}; {@code started_at}, not
 * {@code time}; {@code row_count}, not {@code rows}) so they never need quotes.
 */
public final class SysSchema {
    static final List<SysTable.Column> AUDIT_COLUMNS = List.of(
            new SysTable.Column("seq", BIGINT),
            new SysTable.Column("started_at", TIMESTAMP),
            new SysTable.Column("query_id", VARCHAR),
            new SysTable.Column("user_name", VARCHAR),
            new SysTable.Column("groups", VARCHAR),
            new SysTable.Column("client_address", VARCHAR),
            new SysTable.Column("application", VARCHAR),
            new SysTable.Column("kind", VARCHAR),
            new SysTable.Column("outcome", VARCHAR),
            new SysTable.Column("sqlstate", VARCHAR),
            new SysTable.Column("error", VARCHAR),
            new SysTable.Column("sql", VARCHAR),
            new SysTable.Column("tables", VARCHAR),
            new SysTable.Column("decision_id", VARCHAR),
            new SysTable.Column("bundle_revision", VARCHAR),
            new SysTable.Column("row_count", BIGINT),
            new SysTable.Column("duration_ms", BIGINT));

    static final List<SysTable.Column> QUERIES_COLUMNS = List.of(
            new SysTable.Column("query_id", VARCHAR),
            new SysTable.Column("user_name", VARCHAR),
            new SysTable.Column("sql", VARCHAR),
            new SysTable.Column("kind", VARCHAR),
            new SysTable.Column("started_at", TIMESTAMP),
            new SysTable.Column("running_ms", BIGINT),
            new SysTable.Column("rows_so_far", BIGINT));

    private SysSchema() {}

    /** The schema's name, which no source may take. */
    public static final String NAME = SysTable.NAME;

    /** Adds schema {@code sys} to the root: the audit log in {@code auditDirectory} and {@code running}. */
    public static void register(SchemaPlus root, Path auditDirectory, RunningStatements running) {
        SchemaPlus sys = root.add(SysTable.NAME, new AbstractSchema());
        sys.add("audit", new SysTable("audit", AUDIT_COLUMNS,
                () -> new AuditSearch(auditDirectory).stream().map(SysSchema::auditRow)));
        sys.add("queries", new SysTable("queries", QUERIES_COLUMNS,
                () -> running.now().stream().map(SysSchema::queryRow)));
    }

    private static Object[] auditRow(AuditEntry.Statement statement) {
        AuditRecord r = statement.record();
        Optional<AuditRecord.PolicySummary> policy = r.policy();
        return new Object[] {
            statement.seq(),
            r.time().toEpochMilli(),
            r.queryId(),
            r.user(),
            String.join(",", r.groups()),
            r.client().address().orElse(null),
            r.client().application().orElse(null),
            r.kind(),
            r.outcome().wireName(),
            r.error().map(AuditRecord.StatementError::sqlstate).orElse(null),
            r.error().map(AuditRecord.StatementError::message).orElse(null),
            r.sql(),
            r.tables().stream().map(t -> t.table() + "(" + String.join(",", t.columns()) + ")")
                    .collect(Collectors.joining("; ")),
            policy.map(AuditRecord.PolicySummary::decisionId).orElse(null),
            policy.map(AuditRecord.PolicySummary::bundleRevision).orElse(null),
            r.rows(),
            r.durationMs(),
        };
    }

    private static Object[] queryRow(RunningStatements.Running q) {
        return new Object[] {
            q.queryId(),
            q.user(),
            q.sql(),
            q.kind(),
            q.startedAt().toEpochMilli(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - q.startNanos()),
            q.rowsSoFar().getAsLong(),
        };
    }
}
