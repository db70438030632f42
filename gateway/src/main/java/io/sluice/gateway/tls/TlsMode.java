package io.sluice.gateway.tls;

/** Whether the listener speaks TLS. */
public enum TlsMode {
    /** SSLRequest is answered 'N'; everything is plaintext. */
    DISABLED,
    /** Clients choose: SSLRequest is answered 'S', plaintext start-up is accepted too. */
    OPTIONAL,
    /** Plaintext start-up is refused with an error; only TLS connections are served. */
    REQUIRED
}
