package io.sluice.policies.decision;

/**
 * Why no decision could be had. Every one of these denies the statement (fail closed); the
 * message says what went wrong without any of the statement's data.
 */
public abstract sealed class PolicyException extends RuntimeException {
    protected PolicyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The policy answered nothing for {@code data.sluice.decision}. */
    public static final class Undefined extends PolicyException {
        public Undefined(String message) {
            super(message, null);
        }
    }

    /** The answer was not a decision as DESIGN.md defines it. */
    public static final class MalformedDecision extends PolicyException {
        public MalformedDecision(String message) {
            super(message, null);
        }
    }

    /** The engine failed: evaluation error, OPA unreachable or answering an error, or a timeout. */
    public static final class EngineFailure extends PolicyException {
        public EngineFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No bundle is loaded (the first one did not compile). */
    public static final class NoPolicy extends PolicyException {
        public NoPolicy(String message) {
            super(message, null);
        }
    }
}
