package io.sluice.gateway.auth;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;

/** Authentication failed; the message is the one the client sees and is the same for every cause. */
public final class AuthException extends PgException {
    private final String reason;

    private AuthException(String sqlState, String message, String reason) {
        super(sqlState, message);
        this.reason = reason;
    }

    /** Wrong password, unknown user, bad proof: one message so that nobody can probe for user names. */
    public static AuthException failed(String user, String reason) {
        return new AuthException(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"", reason);
    }

    /** The SASL exchange itself was malformed. */
    public static AuthException malformed(String what) {
        return new AuthException(SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message (" + what + ")", what);
    }

    /** Why it failed, for the server log only. */
    public String reason() {
        return reason;
    }
}
