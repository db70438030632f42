package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.PreparedQuery;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.Session;
import io.sluice.gateway.wire.SessionContext;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.TransactionStatus;
import io.sluice.gateway.wire.message.BackendMessage.CommandComplete;
import io.sluice.gateway.wire.server.CursorCommand.Close;
import io.sluice.gateway.wire.server.CursorCommand.Declare;
import io.sluice.gateway.wire.server.CursorCommand.Fetch;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Serves {@link CursorCommand}s for one connection's {@link QueryHandler}:
 *
 * <pre>
 *  DECLARE c CURSOR FOR q ─▶ plan q at Parse, open its backend cursor at Execute ─▶ Cursors[c]
 *  FETCH n FROM c         ─▶ stream up to n rows of Cursors[c] in the FETCH portal's formats ─▶ FETCH k
 *  MOVE n IN c            ─▶ the same, rows skipped                                         ─▶ MOVE k
 *  CLOSE c | CLOSE ALL    ─▶ backend cursor closed                                          ─▶ CLOSE CURSOR [ALL]
 * </pre>
 *
 * The backend cursor streams: nothing is materialised, a FETCH holds at most one batch.
 */
final class CursorRunner {
    private final QueryHandler handler;
    private final Session session;
    private final SessionContext context;
    private final Cursors cursors = new Cursors();
    /** True when a protocol-level portal has that name (portals and cursors share one namespace). */
    private final Predicate<String> portalExists;

    CursorRunner(QueryHandler handler, Session session, SessionContext context, Predicate<String> portalExists) {
        this.handler = handler;
        this.session = session;
        this.context = context;
        this.portalExists = portalExists;
    }

    Optional<Portal> cursor(String name) {
        return cursors.get(name);
    }

    boolean contains(String name) {
        return cursors.contains(name);
    }

    /** Turns a parsed cursor command into a statement; DECLARE plans its query on the backend first. */
    void prepare(String sql, CursorCommand command, List<Integer> parameterTypes, Consumer<Statement> then,
            Consumer<Throwable> onError) {
        switch (command) {
            case Declare d -> handler.offload(() -> session.prepare(d.query(), parameterTypes), query -> {
                if (!query.returnsRows()) {
                    onError.accept(new PgException(SqlState.INVALID_CURSOR_DEFINITION,
                            "DECLARE CURSOR needs a query that returns rows"));
                } else {
                    then.accept(new Statement.Declare(sql, d, query));
                }
            }, t -> onError.accept(Errors.shifted(t, d.queryOffset())));
            case Fetch f -> {
                Optional<Portal> cursor = cursors.get(f.name());
                if (cursor.isEmpty()) {
                    onError.accept(missing(f.name()));
                } else {
                    then.accept(new Statement.Cursor(sql, f, f.move() ? List.of() : cursor.get().statement.columns()));
                }
            }
            case Close c -> then.accept(new Statement.Cursor(sql, c, List.of()));
        }
    }

    void declare(Portal portal, Statement.Declare statement, Runnable onComplete, Consumer<Throwable> onError) {
        Declare d = statement.command();
        TransactionStatus status = context.transactionStatus();
        if (status == TransactionStatus.IDLE && !d.hold()) {
            onError.accept(new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "DECLARE CURSOR can only be used in transaction blocks"));
            return;
        }
        if (cursors.contains(d.name()) || portalExists.test(d.name())) {
            onError.accept(new PgException(SqlState.DUPLICATE_CURSOR, "cursor \"" + d.name() + "\" already exists"));
            return;
        }
        PreparedQuery query = statement.query();
        handler.offload(() -> OnceClosedCursor.wrap(session.execute(query, portal.parameters, 0)), rowCursor -> {
            Portal declared = new Portal(d.name(), new Statement.Backend(query, query.parameterTypes()), portal.parameters,
                    List.of(), context.zone());
            declared.started = true;
            declared.cursor = rowCursor;
            // outside a transaction block (only WITH HOLD gets here) the implicit transaction commits at once
            cursors.add(declared, d.hold(), status == TransactionStatus.IDLE);
            finish(portal, "DECLARE CURSOR", onComplete);
        }, onError);
    }

    void run(Portal portal, Statement.Cursor statement, Runnable onComplete, Consumer<Throwable> onError) {
        switch (statement.command()) {
            case Fetch f -> {
                Optional<Portal> source = cursors.get(f.name());
                if (source.isEmpty()) {
                    onError.accept(missing(f.name()));
                } else if (source.get().cursor == null) {
                    finish(portal, f.verb() + " 0", onComplete); // exhausted: a forward cursor stays at its end
                } else {
                    List<Column> columns = source.get().statement.columns();
                    new RowStream(handler, source.get(), portal, columns, f.count(), new RowStream.Purpose.Fetch(f.verb(), f.move()),
                            onComplete, onError).pump();
                }
            }
            case Close c -> {
                if (c.name().isEmpty()) {
                    closeOnBackend(cursors.removeAll());
                    finish(portal, "CLOSE CURSOR ALL", onComplete);
                } else if (!cursors.contains(c.name().get())) {
                    onError.accept(missing(c.name().get()));
                } else {
                    cursors.remove(c.name().get()).ifPresent(r -> closeOnBackend(List.of(r)));
                    finish(portal, "CLOSE CURSOR", onComplete);
                }
            }
        }
    }

    /** A protocol-level Close of a cursor's name. */
    void close(String name) {
        cursors.remove(name).ifPresent(r -> closeOnBackend(List.of(r)));
    }

    /** The transaction ended: its cursors end too, except WITH HOLD ones after a COMMIT. */
    void endTransaction(boolean commit) {
        closeOnBackend(cursors.endTransaction(commit));
    }

    /** DISCARD ALL and the end of the session. */
    List<RowCursor> removeAll() {
        return cursors.removeAll();
    }

    private void closeOnBackend(List<RowCursor> rowCursors) {
        if (!rowCursors.isEmpty()) {
            handler.runOnBackend(() -> rowCursors.forEach(QueryHandler::closeQuietly));
        }
    }

    private void finish(Portal portal, String tag, Runnable onComplete) {
        portal.finished = true;
        portal.finishedTag = tag;
        handler.ctx().write(new CommandComplete(tag));
        onComplete.run();
    }

    private static PgException missing(String name) {
        return new PgException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
    }
}
