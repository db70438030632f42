package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.server.SqlTokens.Kind;
import io.sluice.gateway.wire.server.SqlTokens.Token;
import java.util.List;
import java.util.Optional;

/**
 * Statements the wire layer answers itself, without the backend: transaction control and
 * run-time parameters. {@link #parse} recognises them; anything else goes to the backend.
 */
sealed interface SessionCommand {
    record Begin() implements SessionCommand {}

    /** COMMIT / END. */
    record Commit() implements SessionCommand {}

    /** ROLLBACK / ABORT. */
    record Rollback() implements SessionCommand {}

    record Savepoint() implements SessionCommand {}

    record Release() implements SessionCommand {}

    record RollbackToSavepoint() implements SessionCommand {}

    /** SET name = value (value empty for DEFAULT). */
    record Set(String name, Optional<String> value) implements SessionCommand {}

    record Show(String name) implements SessionCommand {}

    record ShowAll() implements SessionCommand {}

    record Reset(String name) implements SessionCommand {}

    record ResetAll() implements SessionCommand {}

    /**
     * {@code SELECT current_setting('name' [, missing_ok]) [AS column]} as a whole statement (inside a
     * larger query the function is not available).
     */
    record CurrentSetting(String name, boolean missingOk, String column) implements SessionCommand {}

    /** {@code SELECT set_config('name', 'value', is_local) [AS column]} as a whole statement. */
    record SetConfig(String name, String value, boolean local, String column) implements SessionCommand {}

    /** DISCARD ALL / PLANS / SEQUENCES / TEMP. */
    record Discard(boolean all) implements SessionCommand {}

    /** Accepted and ignored: SET TRANSACTION ..., SET SESSION CHARACTERISTICS ..., DEALLOCATE, LISTEN, UNLISTEN. */
    record NoOp(String tag) implements SessionCommand {}

    /** True for statements allowed in a failed transaction block. */
    default boolean allowedInFailedTransaction() {
        return this instanceof Commit || this instanceof Rollback || this instanceof RollbackToSavepoint;
    }

    static Optional<SessionCommand> parse(String sql) {
        List<Token> t = SqlTokens.tokenize(sql);
        while (!t.isEmpty() && t.getLast().is(";")) {
            t = t.subList(0, t.size() - 1);
        }
        if (t.isEmpty() || t.getFirst().kind() != Kind.WORD) {
            return Optional.empty();
        }
        String first = t.getFirst().text().toLowerCase(java.util.Locale.ROOT);
        String second = t.size() > 1 ? t.get(1).text().toLowerCase(java.util.Locale.ROOT) : "";
        return switch (first) {
            case "begin" -> Optional.of(new Begin());
            case "start" -> second.equals("transaction") ? Optional.of(new Begin()) : Optional.empty();
            case "commit", "end" -> second.equals("prepared") ? Optional.empty() : Optional.of(new Commit());
            case "rollback", "abort" -> {
                if (second.equals("prepared")) {
                    yield Optional.empty();
                }
                boolean to = t.stream().anyMatch(x -> x.is("to"));
                yield Optional.of(to ? new RollbackToSavepoint() : new Rollback());
            }
            case "savepoint" -> Optional.of(new Savepoint());
            case "release" -> Optional.of(new Release());
            case "set" -> parseSet(t.subList(1, t.size()));
            case "show" -> {
                if (t.size() == 2 && second.equals("all")) {
                    yield Optional.of(new ShowAll());
                }
                if (t.size() == 3 && second.equals("time") && t.get(2).is("zone")) {
                    yield Optional.of(new Show("TimeZone"));
                }
                if (t.size() == 4 && second.equals("transaction") && t.get(2).is("isolation") && t.get(3).is("level")) {
                    yield Optional.of(new Show("transaction_isolation"));
                }
                yield t.size() == 2 ? Optional.of(new Show(name(t.get(1)))) : Optional.empty();
            }
            case "reset" -> {
                if (t.size() == 2 && second.equals("all")) {
                    yield Optional.of(new ResetAll());
                }
                if (t.size() == 3 && second.equals("time") && t.get(2).is("zone")) {
                    yield Optional.of(new Reset("TimeZone"));
                }
                yield t.size() == 2 ? Optional.of(new Reset(name(t.get(1)))) : Optional.empty();
            }
            case "discard" -> t.size() == 2 ? Optional.of(new Discard(second.equals("all"))) : Optional.empty();
            case "deallocate" -> Optional.of(new NoOp("DEALLOCATE" + (t.stream().anyMatch(x -> x.is("all")) ? " ALL" : "")));
            case "select" -> SettingFunction.parse(t);
            case "listen" -> Optional.of(new NoOp("LISTEN"));
            case "unlisten" -> Optional.of(new NoOp("UNLISTEN"));
            default -> Optional.empty();
        };
    }

    private static String name(Token token) {
        return token.text();
    }

    private static Optional<SessionCommand> parseSet(List<Token> t) {
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.getFirst().is("session") || t.getFirst().is("local")) {
            if (t.size() > 1 && t.get(1).is("characteristics")) {
                return Optional.of(new NoOp("SET"));
            }
            if (t.size() > 1 && t.get(1).is("authorization")) {
                return Optional.empty(); // not supported: the backend reports it
            }
            t = t.subList(1, t.size());
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.getFirst().is("transaction") || t.getFirst().is("constraints")) {
            return Optional.of(new NoOp("SET"));
        }
        String name;
        List<Token> value;
        if (t.getFirst().is("time") && t.size() > 2 && t.get(1).is("zone")) {
            name = "TimeZone";
            value = t.subList(2, t.size());
            if (value.size() == 1 && value.getFirst().is("local")) {
                return Optional.of(new Set(name, Optional.empty()));
            }
        } else if (t.getFirst().is("names") && t.size() >= 2) {
            name = "client_encoding";
            value = t.subList(1, t.size());
        } else {
            // name may be qualified: a.b
            int i = 1;
            StringBuilder sb = new StringBuilder(t.getFirst().text());
            while (i + 1 < t.size() && t.get(i).is(".")) {
                sb.append('.').append(t.get(i + 1).text());
                i += 2;
            }
            name = sb.toString();
            if (i >= t.size() || !(t.get(i).is("=") || t.get(i).is("to"))) {
                return Optional.empty();
            }
            value = t.subList(i + 1, t.size());
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.size() == 1 && value.getFirst().kind() == Kind.WORD && value.getFirst().is("default")) {
            return Optional.of(new Set(name, Optional.empty()));
        }
        StringBuilder v = new StringBuilder();
        for (Token token : value) {
            if (token.is(",")) {
                v.append(", ");
            } else if (token.kind() == Kind.IDENTIFIER && value.size() > 1) {
                v.append('"').append(token.text()).append('"');
            } else {
                v.append(token.text());
            }
        }
        return Optional.of(new Set(name, Optional.of(v.toString())));
    }
}
