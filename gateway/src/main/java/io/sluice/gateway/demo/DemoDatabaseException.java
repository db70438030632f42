package io.sluice.gateway.demo;

/** A demo database could not be started, loaded or stopped; the message names which one, where and why. */
public final class DemoDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DemoDatabaseException(String message) {
        super(message);
    }

    public DemoDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
