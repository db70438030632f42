package io.sluice.gateway.tls;

/** TLS material could not be loaded or created; the message names the file and the fix. */
public final class TlsException extends RuntimeException {
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }

    public TlsException(String message) {
        super(message);
    }
}
