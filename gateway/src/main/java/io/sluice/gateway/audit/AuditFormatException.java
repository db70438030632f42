package io.sluice.gateway.audit;

/** A line of the audit log that is not an audit line: broken JSON, a missing or mistyped key. */
public final class AuditFormatException extends AuditException {
    public AuditFormatException(String message) {
        super(message);
    }
}
