package io.sluice.gateway.wire;

/**
 * What the wire layer needs from the engine: a session per authenticated connection.
 * This is the seam where the SQL engine plugs in.
 */
@FunctionalInterface
public interface SessionFactory {
    /**
     * Opens the session of an authenticated connection. Called on a worker thread.
     *
     * @throws PgException to refuse the connection (e.g. 3D000 for an unknown database)
     */
    Session open(SessionContext context);
}
