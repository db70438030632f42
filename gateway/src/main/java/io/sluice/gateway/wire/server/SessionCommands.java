package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SessionContext;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.TransactionStatus;
import io.sluice.gateway.wire.message.BackendMessage;
import io.sluice.gateway.wire.message.BackendMessage.ErrorResponse;
import io.sluice.gateway.wire.message.BackendMessage.ParameterStatus;
import io.sluice.gateway.wire.server.SessionCommand.Begin;
import io.sluice.gateway.wire.server.SessionCommand.Commit;
import io.sluice.gateway.wire.server.SessionCommand.CurrentSetting;
import io.sluice.gateway.wire.server.SessionCommand.SetConfig;
import io.sluice.gateway.wire.server.SessionCommand.Discard;
import io.sluice.gateway.wire.server.SessionCommand.NoOp;
import io.sluice.gateway.wire.server.SessionCommand.Release;
import io.sluice.gateway.wire.server.SessionCommand.Reset;
import io.sluice.gateway.wire.server.SessionCommand.ResetAll;
import io.sluice.gateway.wire.server.SessionCommand.Rollback;
import io.sluice.gateway.wire.server.SessionCommand.RollbackToSavepoint;
import io.sluice.gateway.wire.server.SessionCommand.Savepoint;
import io.sluice.gateway.wire.server.SessionCommand.Set;
import io.sluice.gateway.wire.server.SessionCommand.Show;
import io.sluice.gateway.wire.server.SessionCommand.ShowAll;
import io.sluice.gateway.wire.types.PgTypes;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@link SessionCommand}s against a {@link SessionContext}: transaction status
 * transitions (I → T → E → I), parameters, and ParameterStatus reports for the parameters
 * PostgreSQL reports to clients.
 */
final class SessionCommands {
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("server_version", "server_version_num",
            "server_encoding", "integer_datetimes", "is_superuser", "session_authorization", "in_hot_standby",
            "lc_collate", "lc_ctype", "max_identifier_length", "max_index_keys");

    private SessionCommands() {}

    static List<Column> describe(SessionCommand command, SessionContext context) {
        return switch (command) {
            case Show s -> List.of(new Column(context.canonicalName(s.name()), PgTypes.TEXT));
            case ShowAll s -> List.of(new Column("name", PgTypes.TEXT), new Column("setting", PgTypes.TEXT),
                    new Column("description", PgTypes.TEXT));
            case CurrentSetting c -> List.of(new Column(c.column(), PgTypes.TEXT));
            case SetConfig c -> List.of(new Column(c.column(), PgTypes.TEXT));
            default -> List.of();
        };
    }

    static LocalResult execute(SessionCommand command, SessionContext context) {
        TransactionStatus status = context.transactionStatus();
        List<BackendMessage> messages = new ArrayList<>();
        return switch (command) {
            case Begin b -> {
                if (status != TransactionStatus.IDLE) {
                    messages.add(warning(SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress"));
                } else {
                    context.transactionStatus(TransactionStatus.IN_TRANSACTION);
                }
                yield LocalResult.tag("BEGIN", messages);
            }
            case Commit c -> {
                if (status == TransactionStatus.IDLE) {
                    messages.add(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                }
                context.transactionStatus(TransactionStatus.IDLE);
                yield LocalResult.tag(status == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT", messages);
            }
            case Rollback r -> {
                if (status == TransactionStatus.IDLE) {
                    messages.add(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
                }
                context.transactionStatus(TransactionStatus.IDLE);
                yield LocalResult.tag("ROLLBACK", messages);
            }
            case Savepoint s -> {
                requireTransactionBlock(status, "SAVEPOINT");
                yield LocalResult.tag("SAVEPOINT", messages);
            }
            case Release r -> {
                requireTransactionBlock(status, "RELEASE SAVEPOINT");
                yield LocalResult.tag("RELEASE", messages);
            }
            case RollbackToSavepoint r -> {
                requireTransactionBlock(status, "ROLLBACK TO SAVEPOINT");
                context.transactionStatus(TransactionStatus.IN_TRANSACTION);
                yield LocalResult.tag("ROLLBACK", messages);
            }
            case Set s -> {
                set(context, s.name(), s.value(), messages);
                yield LocalResult.tag("SET", messages);
            }
            case CurrentSetting c -> {
                Optional<String> value = context.parameter(c.name());
                if (value.isEmpty() && !c.missingOk()) {
                    throw unrecognized(c.name());
                }
                yield new LocalResult(describe(command, context), List.<Object[]>of(new Object[] {value.orElse(null)}),
                        "SELECT 1", messages);
            }
            case SetConfig c -> {
                if (c.local()) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                            "set_config with is_local = true is not supported; use SET or set_config(name, value, false)");
                }
                set(context, c.name(), Optional.of(c.value()), messages);
                yield new LocalResult(describe(command, context),
                        List.<Object[]>of(new Object[] {context.parameter(c.name()).orElse(c.value())}), "SELECT 1", messages);
            }
            case Reset r -> {
                context.resetParameter(r.name());
                report(context, r.name(), messages);
                yield LocalResult.tag("RESET", messages);
            }
            case ResetAll r -> resetAll(context, messages, "RESET");
            case Discard d -> {
                if (d.all() && status != TransactionStatus.IDLE) {
                    throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
                }
                yield d.all() ? resetAll(context, messages, "DISCARD ALL") : LocalResult.tag("DISCARD", messages);
            }
            case Show s -> {
                String value = context.parameter(s.name()).orElseThrow(() -> unrecognized(s.name()));
                yield new LocalResult(describe(command, context), List.<Object[]>of(new Object[] {value}), "SHOW", messages);
            }
            case ShowAll s -> {
                List<Object[]> rows = new ArrayList<>();
                context.parameters().forEach((name, value) -> rows.add(new Object[] {name, value, ""}));
                yield new LocalResult(describe(command, context), rows, "SHOW", messages);
            }
            case NoOp n -> LocalResult.tag(n.tag(), messages);
        };
    }

    private static void set(SessionContext context, String name, Optional<String> value, List<BackendMessage> messages) {
        String key = name.toLowerCase(Locale.ROOT);
        if (READ_ONLY.contains(key)) {
            throw new PgException("55P02", "parameter \"" + name + "\" cannot be changed");
        }
        if (value.isPresent()) {
            context.setParameter(name, validate(key, value.get()));
        } else {
            context.resetParameter(name);
        }
        report(context, name, messages);
    }

    private static PgException unrecognized(String name) {
        return new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    private static LocalResult resetAll(SessionContext context, List<BackendMessage> messages, String tag) {
        Map<String, String> before = new HashMap<>(context.parameters());
        context.resetAll();
        context.parameters().forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                report(context, name, messages);
            }
        });
        return LocalResult.tag(tag, messages);
    }

    private static void requireTransactionBlock(TransactionStatus status, String what) {
        if (status == TransactionStatus.IDLE) {
            throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    private static String validate(String key, String value) {
        switch (key) {
            case "client_encoding" -> {
                String v = value.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
                if (!v.equals("UTF8") && !v.equals("UNICODE") && !v.equals("SQLASCII")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                            "conversion between UTF8 and " + value + " is not supported", 0, null,
                            "Sluice speaks UTF8 only; set client_encoding to UTF8.", null);
                }
                return v.equals("SQLASCII") ? "SQL_ASCII" : "UTF8";
            }
            case "timezone" -> {
                try {
                    ZoneId.of(value.equalsIgnoreCase("utc") ? "UTC" : value);
                } catch (DateTimeException e) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \"" + value + "\"");
                }
                return value;
            }
            case "datestyle" -> {
                if (!value.toUpperCase(Locale.ROOT).contains("ISO")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "only the ISO DateStyle is supported");
                }
                return "ISO, MDY";
            }
            case "intervalstyle" -> {
                if (!value.equalsIgnoreCase("postgres")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "only IntervalStyle postgres is supported");
                }
                return "postgres";
            }
            case "statement_timeout" -> {
                StatementTimeout.millis(value);
                return value;
            }
            case "standard_conforming_strings" -> {
                if (!value.equalsIgnoreCase("on") && !value.equalsIgnoreCase("true")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "standard_conforming_strings cannot be turned off");
                }
                return "on";
            }
            default -> {
                return value;
            }
        }
    }

    private static void report(SessionContext context, String name, List<BackendMessage> messages) {
        String canonical = context.canonicalName(name);
        boolean reported = SessionContext.REPORTED_DEFAULTS.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
        if (reported) {
            Optional<String> value = context.parameter(name);
            value.ifPresent(v -> messages.add(new ParameterStatus(canonical, v)));
        }
    }

    private static ErrorResponse warning(String sqlState, String message) {
        return new ErrorResponse(BackendMessage.Severity.WARNING, sqlState, message, Optional.empty(), Optional.empty(),
                Optional.empty(), true);
    }
}
