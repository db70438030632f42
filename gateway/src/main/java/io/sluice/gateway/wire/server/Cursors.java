package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.RowCursor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cursors a session declared with DECLARE, by name. Each is a {@link Portal} whose backend
 * cursor is open, so FETCH streams from it and a protocol-level Describe or Execute of the name
 * works as in PostgreSQL, where cursors and portals share one namespace.
 *
 * <p>Lifetime: a cursor ends with CLOSE, with the transaction that declared it (COMMIT or
 * ROLLBACK), or with the session. A WITH HOLD cursor survives the COMMIT of its transaction,
 * but not its ROLLBACK. Event-loop confined; the returned {@link RowCursor}s must be closed on
 * the backend executor.
 */
final class Cursors {
    private static final class Declared {
        final Portal portal;
        final boolean hold;
        /** True once the declaring transaction committed (only WITH HOLD cursors live that long). */
        boolean committed;

        Declared(Portal portal, boolean hold, boolean committed) {
            this.portal = portal;
            this.hold = hold;
            this.committed = committed;
        }
    }

    private final Map<String, Declared> open = new LinkedHashMap<>();

    Optional<Portal> get(String name) {
        return Optional.ofNullable(open.get(name)).map(d -> d.portal);
    }

    boolean contains(String name) {
        return open.containsKey(name);
    }

    /** @param committed true when the declaring transaction already committed (a WITH HOLD cursor outside a block) */
    void add(Portal portal, boolean hold, boolean committed) {
        open.put(portal.name, new Declared(portal, hold, committed));
    }

    /** Removes one cursor; its backend cursor, if still open, is returned for closing. */
    Optional<RowCursor> remove(String name) {
        Declared d = open.remove(name);
        return d == null ? Optional.empty() : detach(d.portal);
    }

    /** Ends the cursors of a transaction that committed (WITH HOLD ones stay) or rolled back. */
    List<RowCursor> endTransaction(boolean commit) {
        List<RowCursor> closing = new ArrayList<>();
        for (Iterator<Declared> it = open.values().iterator(); it.hasNext(); ) {
            Declared d = it.next();
            if (commit && d.hold) {
                d.committed = true;
            } else if (commit || !d.committed) {
                it.remove();
                detach(d.portal).ifPresent(closing::add);
            }
        }
        return closing;
    }

    /** CLOSE ALL, DISCARD ALL and the end of the session. */
    List<RowCursor> removeAll() {
        List<RowCursor> closing = new ArrayList<>();
        open.values().forEach(d -> detach(d.portal).ifPresent(closing::add));
        open.clear();
        return closing;
    }

    private static Optional<RowCursor> detach(Portal portal) {
        RowCursor cursor = portal.cursor;
        portal.cursor = null;
        portal.finished = true;
        return Optional.ofNullable(cursor);
    }
}
