package io.sluice.gateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one statement did, as the engine reports it: who, from where, what SQL, what happened,
 * which tables and columns it read, what the policy decided and which fragments ran where.
 * {@link AuditLog} adds {@code seq}, {@code prev_hash} and {@code hash} when it writes the line;
 * {@link AuditJson} defines the canonical JSON (key order as in DESIGN.md "Audit record").
 *
 * <p>Absent values: optional scalars ({@code error}, {@code policy}, client fields) are written
 * as JSON {@code null}; lists are written as {@code []}. Every key is always present, so a line
 * always has the same shape.
 *
 * <p>Secrets typed into SQL ({@code PASSWORD '...'}, {@code password=...}, {@code user:pw@host}) are
 * masked as {@code ***} here, before anything is written: see {@link AuditRedaction}.
 *
 * <p>Build one with {@link #builder(String, String, String)}; the engine fills in what it knows.
 */
public record AuditRecord(Instant time, String queryId, String user, List<String> groups, Client client,
        String sql, String kind, Outcome outcome, Optional<StatementError> error, List<TableRead> tables,
        Optional<PolicySummary> policy, List<Fragment> fragments, long rows, long bytes, long durationMs) {
    public AuditRecord {
        // The log keeps microseconds; truncating here makes a record equal to itself read back.
        time = requireNonNull(time, "time is null").truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        requireNonNull(queryId, "queryId is null");
        requireNonNull(user, "user is null");
        groups = List.copyOf(groups);
        requireNonNull(client, "client is null");
        sql = AuditRedaction.redact(requireNonNull(sql, "sql is null"));
        requireNonNull(kind, "kind is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(error, "error is null");
        tables = List.copyOf(tables);
        requireNonNull(policy, "policy is null");
        fragments = List.copyOf(fragments);
        if (rows < 0 || bytes < 0 || durationMs < 0) {
            throw new IllegalArgumentException("rows, bytes and durationMs must not be negative");
        }
    }

    /** How the statement ended. Written in lower case. */
    public enum Outcome {
        OK, DENIED, FAILED, CANCELLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Outcome> fromWireName(String name) {
            for (Outcome o : values()) {
                if (o.wireName().equalsIgnoreCase(name)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** Where the statement came from; {@code protocol} is e.g. {@code postgresql}. */
    public record Client(Optional<String> address, Optional<String> application, String protocol) {
        public Client {
            requireNonNull(address, "address is null");
            requireNonNull(application, "application is null");
            requireNonNull(protocol, "protocol is null");
        }

        public static Client of(String address, String application, String protocol) {
            return new Client(nonEmpty(address), nonEmpty(application), protocol);
        }

        /** The CLI and tests: no network peer. */
        public static Client local() {
            return new Client(Optional.empty(), Optional.of("sluice-cli"), "local");
        }
    }

    /** The SQLSTATE and message the client received. */
    public record StatementError(String sqlstate, String message) {
        public StatementError {
            requireNonNull(sqlstate, "sqlstate is null");
            message = AuditRedaction.redact(requireNonNull(message, "message is null"));
        }
    }

    /** A table the statement read ({@code source.schema.table}) and the columns it read from it. */
    public record TableRead(String table, List<String> columns) {
        public TableRead {
            requireNonNull(table, "table is null");
            columns = List.copyOf(columns);
        }
    }

    /** The policy decision in brief: which rules shaped the answer and how, per table. */
    public record PolicySummary(String decisionId, String bundleRevision, List<String> rules,
            List<TablePolicy> tables) {
        public PolicySummary {
            requireNonNull(decisionId, "decisionId is null");
            requireNonNull(bundleRevision, "bundleRevision is null");
            rules = List.copyOf(rules);
            tables = List.copyOf(tables);
        }
    }

    /** Row filters and column masks applied to one table. */
    public record TablePolicy(String table, List<RowFilter> filters, List<ColumnMask> masks) {
        public TablePolicy {
            requireNonNull(table, "table is null");
            filters = List.copyOf(filters);
            masks = List.copyOf(masks);
        }
    }

    public record RowFilter(String rule, String expression) {
        public RowFilter {
            requireNonNull(rule, "rule is null");
            requireNonNull(expression, "expression is null");
        }
    }

    /** {@code mask} is a named mask ({@code email_domain}) or the SQL expression used. */
    public record ColumnMask(String column, String mask, String rule) {
        public ColumnMask {
            requireNonNull(column, "column is null");
            requireNonNull(mask, "mask is null");
            requireNonNull(rule, "rule is null");
        }
    }

    /** One piece of SQL sent to one source (from {@code FragmentRun}): what, how many rows, how long. */
    public record Fragment(String source, String sql, long rows, long elapsedMs) {
        public Fragment {
            requireNonNull(source, "source is null");
            sql = AuditRedaction.redact(requireNonNull(sql, "sql is null"));
        }

        public static Fragment of(io.sluice.connectors.jdbc.FragmentRun run) {
            return new Fragment(run.source(), run.sql(), run.rows(), run.elapsed().toMillis());
        }
    }

    public static Builder builder(String queryId, String user, String sql) {
        return new Builder(queryId, user, sql);
    }

    /** Fills a record step by step; everything but id, user and SQL has a neutral default. */
    public static final class Builder {
        private Instant time = Instant.now();
        private final String queryId;
        private final String user;
        private List<String> groups = List.of();
        private Client client = Client.local();
        private final String sql;
        private String kind = "select";
        private Outcome outcome = Outcome.OK;
        private Optional<StatementError> error = Optional.empty();
        private final List<TableRead> tables = new ArrayList<>();
        private Optional<PolicySummary> policy = Optional.empty();
        private final List<Fragment> fragments = new ArrayList<>();
        private long rows;
        private long bytes;
        private long durationMs;

        private Builder(String queryId, String user, String sql) {
            this.queryId = requireNonNull(queryId, "queryId is null");
            this.user = requireNonNull(user, "user is null");
            this.sql = requireNonNull(sql, "sql is null");
        }

        public Builder time(Instant value) {
            time = requireNonNull(value, "time is null");
            return this;
        }

        public Builder groups(List<String> value) {
            groups = List.copyOf(value);
            return this;
        }

        public Builder client(Client value) {
            client = requireNonNull(value, "client is null");
            return this;
        }

        public Builder kind(String value) {
            kind = requireNonNull(value, "kind is null");
            return this;
        }

        public Builder outcome(Outcome value) {
            outcome = requireNonNull(value, "outcome is null");
            return this;
        }

        /** Sets the outcome too: a statement with an error did not end {@code ok}. */
        public Builder error(Outcome failure, String sqlstate, String message) {
            if (failure == Outcome.OK) {
                throw new IllegalArgumentException("an error needs outcome denied, failed or cancelled");
            }
            outcome = failure;
            error = Optional.of(new StatementError(sqlstate, message));
            return this;
        }

        public Builder table(String table, List<String> columns) {
            tables.add(new TableRead(table, columns));
            return this;
        }

        public Builder policy(PolicySummary value) {
            policy = Optional.of(value);
            return this;
        }

        public Builder fragment(Fragment value) {
            fragments.add(requireNonNull(value, "fragment is null"));
            return this;
        }

        public Builder rows(long value) {
            rows = value;
            return this;
        }

        public Builder bytes(long value) {
            bytes = value;
            return this;
        }

        public Builder durationMs(long value) {
            durationMs = value;
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(time, queryId, user, groups, client, sql, kind, outcome, error, tables, policy,
                    fragments, rows, bytes, durationMs);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
