package io.sluice.gateway.error;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A statement failed for a reason the user can act on. Carries what the wire protocol puts in
 * an ErrorResponse: the SQLSTATE, one message, and for errors in the statement text the
 * 1-based character position PostgreSQL clients use to point at the mistake.
 */
public class SluiceException extends RuntimeException {
    private final SqlState state;
    private final OptionalInt position;

    public SluiceException(SqlState state, String message) {
        this(state, message, OptionalInt.empty(), null);
    }

    public SluiceException(SqlState state, String message, OptionalInt position, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.state = requireNonNull(state, "state is null");
        this.position = requireNonNull(position, "position is null");
    }

    public SqlState state() {
        return state;
    }

    public OptionalInt position() {
        return position;
    }

    /** The same error with its position moved, for a statement found inside a longer text. */
    public SluiceException shiftedBy(int offset) {
        if (position.isEmpty() || offset == 0) {
            return this;
        }
        return new SluiceException(state, getMessage(), OptionalInt.of(position.getAsInt() + offset), getCause());
    }
}
