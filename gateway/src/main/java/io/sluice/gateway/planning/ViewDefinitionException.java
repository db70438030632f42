package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.error.ErrorTranslator;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import java.util.OptionalInt;

/**
 * A configured view whose SQL does not work: it does not parse or validate, refers to itself, or
 * has unnamed or repeated columns. Names the view, so an error met while compiling one view inside
 * another is blamed on the right one. Carries no statement position (the mistake is not in the
 * statement that met it); the position within the view's SQL is kept for the start-up message.
 */
public final class ViewDefinitionException extends SluiceException {
    private final String view;
    private final String problem;
    private final OptionalInt positionInView;

    ViewDefinitionException(String view, SluiceException cause) {
        super(cause.state(), "view " + view + " is broken: " + cause.getMessage(), OptionalInt.empty(), cause);
        this.view = requireNonNull(view, "view is null");
        this.problem = cause.getMessage();
        this.positionInView = cause.position();
    }

    public String view() {
        return view;
    }

    /** What is wrong, without the view's name. */
    public String problem() {
        return problem;
    }

    /** The 1-based character position in the view's SQL, when the mistake has one. */
    public OptionalInt positionInView() {
        return positionInView;
    }

    /**
     * What a failure to compile or expand {@code view} means: a view it reads is broken (that one
     * is to blame), a source cannot be reached (nothing wrong with the view; try again later), or
     * the view itself is broken.
     */
    static SluiceException blame(String view, String sql, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ViewDefinitionException e) {
                return e;
            }
        }
        SluiceException translated = ErrorTranslator.translate(failure, sql);
        return translated.state() == SqlState.SOURCE_UNAVAILABLE ? translated
                : new ViewDefinitionException(view, translated);
    }
}
