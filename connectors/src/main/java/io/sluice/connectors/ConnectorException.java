package io.sluice.connectors;

/**
 * Everything the connectors module reports to its callers. Messages are written for the person
 * who runs the query or the gateway: they name the source and what to do, never a credential.
 */
public abstract sealed class ConnectorException extends RuntimeException
        permits ConnectorException.SourceUnavailable, ConnectorException.BadSourceConfiguration {

    private final String source;

    protected ConnectorException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** The source could not be reached or answered with an error while reading metadata. */
    public static final class SourceUnavailable extends ConnectorException {
        public SourceUnavailable(String source, String reason, Throwable cause) {
            super(source, "source '" + source + "' is unavailable: " + reason, cause);
        }
    }

    /** The configuration of a source cannot work (a bad URL, a missing directory). */
    public static final class BadSourceConfiguration extends ConnectorException {
        public BadSourceConfiguration(String source, String problem) {
            super(source, "source '" + source + "': " + problem, null);
        }
    }
}
