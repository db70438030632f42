package io.sluice.gateway.wire;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one error type that crosses the {@link Session} interface. It carries what PostgreSQL
 * puts into an ErrorResponse: a SQLSTATE, a message and optionally a 1-based character
 * position in the statement, a detail and a hint. The wire layer turns it into an
 * ErrorResponse; anything else thrown by a backend becomes {@link SqlState#INTERNAL_ERROR}.
 */
public class PgException extends RuntimeException {
    private final String sqlState;
    private final int position;
    private final String detail;
    private final String hint;

    public PgException(String sqlState, String message) {
        this(sqlState, message, 0, null, null, null);
    }

    public PgException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, 0, null, null, cause);
    }

    /**
     * @param position 1-based character position in the statement text, or 0 for none
     */
    public PgException(String sqlState, String message, int position, String detail, String hint, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
        this.position = Math.max(0, position);
        this.detail = detail;
        this.hint = hint;
    }

    public String sqlState() {
        return sqlState;
    }

    public Optional<Integer> position() {
        return position > 0 ? Optional.of(position) : Optional.empty();
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    public static PgException syntaxError(String message, int position) {
        return new PgException(SqlState.SYNTAX_ERROR, message, position, null, null, null);
    }

    public static PgException unsupported(String message) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }

    public static PgException protocolViolation(String message) {
        return new PgException(SqlState.PROTOCOL_VIOLATION, message);
    }

    public static PgException cancelled() {
        return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }
}
