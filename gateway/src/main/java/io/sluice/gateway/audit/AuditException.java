package io.sluice.gateway.audit;

/**
 * The audit log could not do its job: it cannot be opened, written or read. When an append
 * fails with this, the statement must be refused: no statement runs unaudited.
 */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
