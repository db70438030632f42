package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.server.SqlTokens.Kind;
import io.sluice.gateway.wire.server.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL-level cursors, which Calcite cannot parse, so the wire layer parses and serves them:
 *
 * <pre>
 *  DECLARE name [ASENSITIVE | INSENSITIVE] [NO SCROLL] CURSOR [WITH HOLD | WITHOUT HOLD] FOR query
 *  FETCH | MOVE [NEXT | FORWARD | FORWARD count | FORWARD ALL | count | ALL] [FROM | IN] name
 *  CLOSE name | CLOSE ALL
 * </pre>
 *
 * Cursors are forward-only streams over the backend's row cursor; SCROLL, BINARY and every
 * backward or absolute direction are refused with 0A000 rather than emulated by materialising.
 */
sealed interface CursorCommand {
    /** The query text starts at {@code queryOffset} of the DECLARE statement (for error positions). */
    record Declare(String name, boolean hold, String query, int queryOffset) implements CursorCommand {}

    /** A command on a cursor already open. */
    sealed interface OnCursor extends CursorCommand {}

    /**
     * FETCH or MOVE (which skips instead of returning rows).
     *
     * @param count rows to move forward; 0 means ALL
     */
    record Fetch(String name, long count, boolean move) implements OnCursor {
        String verb() {
            return move ? "MOVE" : "FETCH";
        }
    }

    /** CLOSE name; empty name for CLOSE ALL. */
    record Close(Optional<String> name) implements OnCursor {}

    /** Empty when the statement is not a cursor command; throws 42601 or 0A000 for malformed or unsupported ones. */
    static Optional<CursorCommand> parse(String sql) {
        List<Token> t = SqlTokens.tokenize(sql);
        while (!t.isEmpty() && t.getLast().is(";")) {
            t = t.subList(0, t.size() - 1);
        }
        if (t.isEmpty() || t.getFirst().kind() != Kind.WORD) {
            return Optional.empty();
        }
        Token first = t.getFirst();
        if (first.is("declare")) {
            return Optional.of(declare(sql, t));
        }
        if (first.is("fetch") || first.is("move")) {
            return Optional.of(fetch(sql, t, first.is("move")));
        }
        if (first.is("close")) {
            if (t.size() == 2 && t.get(1).is("all")) {
                return Optional.of(new Close(Optional.empty()));
            }
            if (t.size() == 2 && isName(t.get(1))) {
                return Optional.of(new Close(Optional.of(name(t.get(1)))));
            }
            throw syntaxError(sql, t, Math.min(2, t.size()));
        }
        return Optional.empty();
    }

    private static Declare declare(String sql, List<Token> t) {
        if (t.size() < 2 || !isName(t.get(1))) {
            throw syntaxError(sql, t, 1);
        }
        String name = name(t.get(1));
        int i = 2;
        boolean hold = false;
        for (; i < t.size() && !t.get(i).is("cursor"); i++) {
            Token option = t.get(i);
            if (option.is("binary")) {
                throw PgException.unsupported("DECLARE BINARY is not supported; request binary results in the FETCH's Bind message");
            }
            if (option.is("scroll")) {
                throw PgException.unsupported("scrollable cursors are not supported: Sluice cursors only move forward (declare NO SCROLL)");
            }
            boolean known = option.is("asensitive") || option.is("insensitive") || option.is("no") && i + 1 < t.size() && t.get(i + 1).is("scroll");
            if (!known) {
                throw syntaxError(sql, t, i);
            }
            if (option.is("no")) {
                i++;
            }
        }
        if (i >= t.size()) {
            throw syntaxError(sql, t, i);
        }
        i++; // CURSOR
        if (i + 1 < t.size() && (t.get(i).is("with") || t.get(i).is("without")) && t.get(i + 1).is("hold")) {
            hold = t.get(i).is("with");
            i += 2;
        }
        if (i >= t.size() || !t.get(i).is("for") || i + 1 >= t.size()) {
            throw syntaxError(sql, t, i + (i < t.size() && t.get(i).is("for") ? 1 : 0));
        }
        int queryStart = t.get(i + 1).start();
        int queryEnd = t.getLast().end();
        return new Declare(name, hold, sql.substring(queryStart, queryEnd), queryStart);
    }

    private static Fetch fetch(String sql, List<Token> t, boolean move) {
        // the cursor name is the last token; everything between is the direction and an optional FROM/IN
        if (t.size() < 2 || !isName(t.getLast())) {
            throw syntaxError(sql, t, t.size());
        }
        String name = name(t.getLast());
        List<Token> direction = t.subList(1, t.size() - 1);
        if (!direction.isEmpty() && (direction.getLast().is("from") || direction.getLast().is("in"))) {
            direction = direction.subList(0, direction.size() - 1);
        }
        String verb = move ? "MOVE" : "FETCH";
        long count = switch (direction.size()) {
            case 0 -> 1;
            case 1 -> {
                Token d = direction.getFirst();
                if (d.is("next") || d.is("forward")) {
                    yield 1;
                }
                if (d.is("all")) {
                    yield 0;
                }
                if (d.kind() == Kind.NUMBER) {
                    yield count(d, verb);
                }
                throw unsupportedDirection(d.text(), verb);
            }
            case 2 -> {
                Token d = direction.getFirst();
                Token n = direction.get(1);
                if (!d.is("forward")) {
                    throw unsupportedDirection(d.text(), verb);
                }
                if (n.is("all")) {
                    yield 0;
                }
                if (n.kind() == Kind.NUMBER) {
                    yield count(n, verb);
                }
                throw syntaxError(sql, t, 2);
            }
            default -> throw syntaxError(sql, t, 3);
        };
        return new Fetch(name, count, move);
    }

    private static long count(Token number, String verb) {
        long n;
        try {
            n = Long.parseLong(number.text());
        } catch (NumberFormatException e) {
            throw PgException.syntaxError("syntax error at or near \"" + number.text() + "\"", number.start() + 1);
        }
        if (n <= 0) {
            throw unsupportedDirection(Long.toString(n), verb);
        }
        return n;
    }

    private static PgException unsupportedDirection(String direction, String verb) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, verb + " " + direction.toUpperCase(Locale.ROOT)
                + " is not supported: Sluice cursors only move forward", 0, null,
                "Use " + verb + " NEXT, " + verb + " FORWARD n (n > 0) or " + verb + " ALL.", null);
    }

    private static boolean isName(Token token) {
        return token.kind() == Kind.WORD || token.kind() == Kind.IDENTIFIER;
    }

    /** Unquoted names fold to lower case, as in PostgreSQL. */
    private static String name(Token token) {
        return token.kind() == Kind.IDENTIFIER ? token.text() : token.text().toLowerCase(Locale.ROOT);
    }

    private static PgException syntaxError(String sql, List<Token> t, int index) {
        if (index >= t.size()) {
            return PgException.syntaxError("syntax error at end of input", sql.length() + 1);
        }
        Token at = t.get(index);
        return PgException.syntaxError("syntax error at or near \"" + sql.substring(at.start(), at.end()) + "\"", at.start() + 1);
    }
}
