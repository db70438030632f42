package io.sluice.gateway.error;

import io.sluice.connectors.ConnectorException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns whatever went wrong inside planning or execution into one {@link SluiceException} with
 * a PostgreSQL-style message and SQLSTATE. Calcite's messages name its internals ("Object 'x'
 * not found within 'y'"); users of a PostgreSQL-speaking gateway expect PostgreSQL's wording
 * and codes, with the position of the offending token.
 */
public final class ErrorTranslator {
    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"(.*?)\" at line");
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '(.+?)' not found(?: within '(.+?)')?");
    private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '(.+?)' not found");
    private static final Pattern COLUMN_NOT_FOUND =
            Pattern.compile("Column '(.+?)' not found in (?:any table|table '(.+?)')");
    private static final Pattern NO_FUNCTION = Pattern.compile("No match found for function signature (.+)");
    private static final Pattern NOT_GROUPED = Pattern.compile("Expression '(.+?)' is not being grouped");
    /** What Calcite's SINGLE_VALUE aggregate throws when a scalar sub-query yields a second row. */
    private static final String SECOND_SCALAR_ROW = "more than one value in agg SINGLE_VALUE";

    private ErrorTranslator() {}

    public static SluiceException translate(Throwable failure, String sql) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case SluiceException sluice -> {
                    return sluice;
                }
                case SqlParseException parse -> {
                    return syntaxError(parse, sql);
                }
                case CalciteContextException context -> {
                    return validationError(context, sql);
                }
                case ConnectorException connector -> {
                    return new SluiceException(SqlState.SOURCE_UNAVAILABLE, connector.getMessage(),
                            OptionalInt.empty(), connector);
                }
                case CancellationException cancelled -> {
                    return new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request",
                            OptionalInt.empty(), cancelled);
                }
                case ArithmeticException arithmetic -> {
                    return arithmetic(arithmetic);
                }
                case RelOptPlanner.CannotPlanException cannot -> {
                    // Calcite's message is a dump of the planner's state: useless to a client.
                    return new SluiceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "Sluice cannot run this statement: no operator it has implements part of it",
                            OptionalInt.empty(), cannot);
                }
                case IllegalStateException state when SECOND_SCALAR_ROW.equals(state.getMessage()) -> {
                    return new SluiceException(SqlState.CARDINALITY_VIOLATION,
                            "more than one row returned by a subquery used as an expression", OptionalInt.empty(),
                            state);
                }
                case SQLException source -> {
                    return sourceError(source);
                }
                case OutOfMemoryError oom -> {
                    return new SluiceException(SqlState.OUT_OF_MEMORY,
                            "out of memory while running the statement", OptionalInt.empty(), oom);
                }
                default -> { }
            }
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new SluiceException(SqlState.INTERNAL_ERROR, "internal error: " + firstLine(message),
                OptionalInt.empty(), failure);
    }

    private static SluiceException syntaxError(SqlParseException parse, String sql) {
        String first = firstLine(parse.getMessage());
        Matcher m = ENCOUNTERED.matcher(first);
        String message;
        if (m.find()) {
            String encountered = m.group(1).trim();
            // PostgreSQL says "at end of input" when the statement stops too early.
            message = encountered.endsWith("<EOF>")
                    ? "syntax error at end of input"
                    : "syntax error at or near \"" + encountered.split("\\s+")[0] + "\"";
        } else {
            message = "syntax error: " + first;
        }
        return new SluiceException(SqlState.SYNTAX_ERROR, message, position(parse.getPos(), sql), parse);
    }

    private static SluiceException validationError(CalciteContextException context, String sql) {
        String inner = context.getCause() == null ? context.getMessage() : context.getCause().getMessage();
        OptionalInt position = position(context.getPosLine(), context.getPosColumn(), sql);
        Matcher m;
        if ((m = OBJECT_NOT_FOUND.matcher(inner)).find() || (m = TABLE_NOT_FOUND.matcher(inner)).find()) {
            String name = m.groupCount() > 1 && m.group(2) != null ? m.group(2) + "." + m.group(1) : m.group(1);
            return new SluiceException(SqlState.UNDEFINED_TABLE,
                    "relation \"" + name.toLowerCase(Locale.ROOT) + "\" does not exist", position, context);
        }
        if ((m = COLUMN_NOT_FOUND.matcher(inner)).find()) {
            return new SluiceException(SqlState.UNDEFINED_COLUMN,
                    "column \"" + m.group(1).toLowerCase(Locale.ROOT) + "\" does not exist", position, context);
        }
        if ((m = NO_FUNCTION.matcher(inner)).find()) {
            return new SluiceException(SqlState.UNDEFINED_FUNCTION,
                    "function " + m.group(1).toLowerCase(Locale.ROOT).replace("<", "").replace(">", "")
                            + " does not exist", position, context);
        }
        if ((m = NOT_GROUPED.matcher(inner)).find()) {
            return new SluiceException(SqlState.GROUPING_ERROR, "column \"" + m.group(1).toLowerCase(Locale.ROOT)
                    + "\" must appear in the GROUP BY clause or be used in an aggregate function", position, context);
        }
        if (inner.startsWith("Cannot apply") || inner.contains("Cannot infer return type")) {
            return new SluiceException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + firstLine(inner),
                    position, context);
        }
        if (inner.contains("ambiguous")) {
            return new SluiceException(SqlState.AMBIGUOUS_COLUMN, firstLine(inner), position, context);
        }
        if (inner.contains("Cannot assign") || inner.contains("incompatible") || inner.contains("Cast function")) {
            return new SluiceException(SqlState.DATATYPE_MISMATCH, firstLine(inner), position, context);
        }
        return new SluiceException(SqlState.SYNTAX_ERROR, firstLine(inner), position, context);
    }

    private static SluiceException arithmetic(ArithmeticException e) {
        String message = e.getMessage() == null ? "arithmetic error" : e.getMessage();
        if (message.toLowerCase(Locale.ROOT).contains("zero")) {
            return new SluiceException(SqlState.DIVISION_BY_ZERO, "division by zero", OptionalInt.empty(), e);
        }
        return new SluiceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message, OptionalInt.empty(), e);
    }

    private static SluiceException sourceError(SQLException e) {
        String state = e.getSQLState();
        SqlState mapped = SqlState.SOURCE_UNAVAILABLE;
        if (state != null && state.startsWith("22")) {
            mapped = state.equals("22012") ? SqlState.DIVISION_BY_ZERO : SqlState.DATA_EXCEPTION;
        } else if (state != null && state.equals("57014")) {
            return new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request",
                    OptionalInt.empty(), e);
        }
        return new SluiceException(mapped, "a source failed: " + firstLine(e.getMessage()), OptionalInt.empty(), e);
    }

    private static OptionalInt position(SqlParserPos pos, String sql) {
        return pos == null ? OptionalInt.empty() : position(pos.getLineNum(), pos.getColumnNum(), sql);
    }

    /** PostgreSQL reports a 1-based character offset into the statement, not a line and column. */
    static OptionalInt position(int line, int column, String sql) {
        if (line < 1 || column < 1) {
            return OptionalInt.empty();
        }
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int newline = sql.indexOf('\n', offset);
            if (newline < 0) {
                return OptionalInt.empty();
            }
            offset = newline + 1;
        }
        return OptionalInt.of(Math.min(offset + column, sql.length() + 1));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
