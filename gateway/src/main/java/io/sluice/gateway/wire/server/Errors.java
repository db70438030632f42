package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.message.BackendMessage.ErrorResponse;
import io.sluice.gateway.wire.message.BackendMessage.Severity;
import java.util.Optional;

/** Turns exceptions into ErrorResponse messages. */
final class Errors {
    private Errors() {}

    /** The PgException in a cause chain, if any. */
    static Optional<PgException> pgException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException pg) {
                return Optional.of(pg);
            }
        }
        return Optional.empty();
    }

    static ErrorResponse toResponse(Throwable t, Severity severity) {
        PgException pg = pgException(t).orElseGet(() -> new PgException(SqlState.INTERNAL_ERROR,
                "internal error: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())));
        return new ErrorResponse(severity, pg.sqlState(), pg.getMessage(), pg.detail(), pg.hint(), pg.position(), false);
    }

    /** Moves an error position by the offset of a statement inside a multi-statement query string. */
    static Throwable shifted(Throwable t, int offset) {
        Optional<PgException> pg = Errors.pgException(t);
        if (offset == 0 || pg.isEmpty() || pg.get().position().isEmpty()) {
            return t;
        }
        PgException e = pg.get();
        return new PgException(e.sqlState(), e.getMessage(), e.position().get() + offset, e.detail().orElse(null),
                e.hint().orElse(null), e);
    }
}
