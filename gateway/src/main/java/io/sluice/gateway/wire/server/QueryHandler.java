package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.PreparedQuery;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.Session;
import io.sluice.gateway.wire.SessionContext;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.TransactionStatus;
import io.sluice.gateway.wire.message.BackendMessage.BindComplete;
import io.sluice.gateway.wire.message.BackendMessage.CloseComplete;
import io.sluice.gateway.wire.message.BackendMessage.CommandComplete;
import io.sluice.gateway.wire.message.BackendMessage.CopyData;
import io.sluice.gateway.wire.message.BackendMessage.CopyDone;
import io.sluice.gateway.wire.message.BackendMessage.CopyOutResponse;
import io.sluice.gateway.wire.message.BackendMessage.EmptyQueryResponse;
import io.sluice.gateway.wire.message.BackendMessage.NoData;
import io.sluice.gateway.wire.message.BackendMessage.ParameterDescription;
import io.sluice.gateway.wire.message.BackendMessage.ParseComplete;
import io.sluice.gateway.wire.message.BackendMessage.ReadyForQuery;
import io.sluice.gateway.wire.message.BackendMessage.Severity;
import io.sluice.gateway.wire.message.FrontendMessage;
import io.sluice.gateway.wire.message.FrontendMessage.Bind;
import io.sluice.gateway.wire.message.FrontendMessage.Close;
import io.sluice.gateway.wire.message.FrontendMessage.CopyFail;
import io.sluice.gateway.wire.message.FrontendMessage.Describe;
import io.sluice.gateway.wire.message.FrontendMessage.Execute;
import io.sluice.gateway.wire.message.FrontendMessage.Flush;
import io.sluice.gateway.wire.message.FrontendMessage.FunctionCall;
import io.sluice.gateway.wire.message.FrontendMessage.Parse;
import io.sluice.gateway.wire.message.FrontendMessage.Query;
import io.sluice.gateway.wire.message.FrontendMessage.Sync;
import io.sluice.gateway.wire.message.FrontendMessage.Target;
import io.sluice.gateway.wire.message.FrontendMessage.Terminate;
import io.sluice.gateway.wire.types.PgType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query phase of one connection: simple and extended query protocol over a {@link Session}.
 *
 * <pre>
 *  Query(sql) ─▶ split ─▶ per statement: [T] D* C  (or I, or E and stop) ─▶ Z
 *  Parse ─▶ 1 │ Bind ─▶ 2 │ Describe S ─▶ t (T|n) │ Describe P ─▶ T|n │ Execute ─▶ D* (C|s) │ Close ─▶ 3
 *  Sync  ─▶ Z (portals of an implicit transaction closed)      Flush ─▶ flush
 *  error in extended protocol ─▶ E, then every message up to Sync is ignored
 *  COPY (q) TO STDOUT ─▶ H d* c C
 * </pre>
 *
 * <p>Threading: all state lives on the channel's event loop. Backend calls (prepare, execute,
 * fetch, close) run on a per-connection {@link SerialExecutor}; their results hop back to the
 * event loop. While one message is being served the next ones wait in {@link #pending}.
 * Rows are fetched one batch at a time and only while the channel is writable; when it is
 * not, streaming pauses until {@link #channelWritabilityChanged} — a slow client never makes
 * the server buffer a whole result.
 */
final class QueryHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);
    private static final int MAX_PENDING = 256;

    private final ServerContext server;
    private final SessionContext context;
    private final Session session;
    private final CancelRegistry.Key cancelKey;
    private final SerialExecutor backend;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final ArrayDeque<FrontendMessage> pending = new ArrayDeque<>();
    /** Cursors opened with DECLARE. */
    private final CursorRunner declared;
    private ChannelHandlerContext ctx;
    private boolean busy;
    private boolean draining;
    private boolean skipUntilSync;
    private boolean closed;
    private boolean released;
    private RowStream waitingForWritability;
    /** The portal whose cursor is being read (also an unregistered one of a simple query). */
    private Portal running;
    /** The message being served, for the log line of a client that vanishes meanwhile. */
    private FrontendMessage current;
    private volatile boolean cancelRequested;
    /** The session's statement_timeout timer for the message being served, if armed. */
    private ScheduledFuture<?> timeout;
    /** True when that timer cancelled the statement, so its error says so. */
    private boolean timedOut;

    QueryHandler(ServerContext server, SessionContext context, Session session, CancelRegistry.Key cancelKey) {
        this.server = server;
        this.context = context;
        this.session = session;
        this.cancelKey = cancelKey;
        this.backend = new SerialExecutor(server.workers());
        this.declared = new CursorRunner(this, session, context, portals::containsKey);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Called from a CancelRequest on another connection (another thread). */
    void cancel() {
        cancelRequested = true;
        try {
            session.cancel();
        } catch (RuntimeException e) {
            LOG.warn("session cancel failed", e);
        }
    }

    // ---- what a RowStream needs ----

    ChannelHandlerContext ctx() {
        return ctx;
    }

    boolean isClosed() {
        return closed;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    int rowBatchSize() {
        return server.listener().rowBatchSize();
    }

    void waitForWritability(RowStream stream) {
        waitingForWritability = stream;
    }

    void enqueue(List<FrontendMessage> messages) {
        pending.addAll(messages);
        drain();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrontendMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        pending.add(message);
        if (pending.size() > MAX_PENDING) {
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && waitingForWritability != null) {
            RowStream stream = waitingForWritability;
            waitingForWritability = null;
            stream.pump();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (busy) {
            LOG.info("connection {} of user \"{}\" ended while serving {}; statement cancelled", ctx.channel().remoteAddress(),
                    context.user(), current == null ? "a message" : current.getClass().getSimpleName());
            cancel();
        }
        release();
        super.channelInactive(ctx);
    }

    /** Closes every cursor and the session (after any backend call in flight), once. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        server.cancels().unregister(cancelKey);
        List<RowCursor> cursors = new ArrayList<>();
        if (running != null && running.cursor != null && !portals.containsValue(running)) {
            cursors.add(running.cursor);
            running.cursor = null;
        }
        portals.values().forEach(p -> {
            if (p.cursor != null) {
                cursors.add(p.cursor);
                p.cursor = null;
            }
        });
        portals.clear();
        cursors.addAll(declared.removeAll());
        statements.clear();
        pending.clear();
        runOnBackend(() -> {
            cursors.forEach(QueryHandler::closeQuietly);
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("session close failed", e);
            }
        });
    }

    void runOnBackend(Runnable task) {
        try {
            backend.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    static void closeQuietly(AutoCloseable cursor) {
        try {
            cursor.close();
        } catch (Exception e) {
            LOG.warn("cursor close failed", e);
        }
    }

    // ---- message loop ----

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!busy && !closed && !pending.isEmpty()) {
                FrontendMessage message = pending.poll();
                busy = true;
                current = message;
                try {
                    handle(message);
                } catch (RuntimeException e) {
                    fatal(e);
                }
            }
        } finally {
            draining = false;
        }
        if (!busy && !closed) {
            ctx.flush();
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /** Ends the current message; the next one may start. */
    private void done() {
        disarmTimeout();
        busy = false;
        if (!draining) {
            drain();
        }
    }

    private void fatal(Throwable t) {
        busy = true; // nothing more is served on this connection
        pending.clear();
        ctx.fireExceptionCaught(t);
    }

    private void handle(FrontendMessage message) {
        if (skipUntilSync && !(message instanceof Sync) && !(message instanceof Terminate)) {
            done();
            return;
        }
        switch (message) {
            case Query q -> simpleQuery(q.sql());
            case Parse p -> parse(p);
            case Bind b -> bind(b);
            case Describe d -> describe(d);
            case Execute e -> execute(e);
            case Sync s -> sync();
            case Flush f -> {
                ctx.flush();
                done();
            }
            case Close c -> close(c);
            case Terminate t -> {
                busy = false;
                closed = true;
                ctx.close();
            }
            case FrontendMessage.CopyData d -> done();
            case FrontendMessage.CopyDone d -> done();
            case CopyFail f -> done();
            case FunctionCall f -> extendedError(PgException.unsupported("the function call sub-protocol is not supported"));
            default -> fatal(PgException.protocolViolation("unexpected message " + message.getClass().getSimpleName()
                    + " after authentication"));
        }
    }

    /** Runs work on the backend executor and continues on the event loop, unless the connection closed meanwhile. */
    <T> void offload(Callable<T> work, Consumer<T> then, Consumer<Throwable> onError) {
        try {
            backend.execute(() -> {
                T result = null;
                Throwable error = null;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    error = t;
                }
                T r = result;
                Throwable e = error;
                ctx.executor().execute(() -> {
                    if (closed) {
                        if (r instanceof AutoCloseable c) {
                            runOnBackend(() -> closeQuietly(c));
                        }
                        return;
                    }
                    try {
                        if (e != null) {
                            onError.accept(e);
                        } else {
                            then.accept(r);
                        }
                    } catch (RuntimeException bug) {
                        fatal(bug);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
        }
    }

    // ---- errors ----

    /**
     * Starts the session's statement_timeout for a Query or Execute: when it fires the statement is
     * cancelled like a CancelRequest would, and reported as a timeout.
     */
    private void armTimeout() {
        cancelRequested = false;
        timedOut = false;
        OptionalLong millis;
        try {
            millis = context.parameter("statement_timeout").map(StatementTimeout::millis).orElse(OptionalLong.empty());
        } catch (PgException e) {
            millis = OptionalLong.empty(); // only a start-up option can hold a value SET would have refused
        }
        if (millis.isPresent()) {
            timeout = ctx.executor().schedule(() -> {
                if (busy) {
                    timedOut = true;
                    cancel();
                }
            }, millis.getAsLong(), TimeUnit.MILLISECONDS);
        }
    }

    private void disarmTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void sendError(Throwable t) {
        if (timedOut && Errors.pgException(t).map(e -> e.sqlState().equals(SqlState.QUERY_CANCELED)).orElse(false)) {
            t = StatementTimeout.exceeded();
        }
        if (Errors.pgException(t).isEmpty()) {
            LOG.warn("statement of user \"{}\" failed unexpectedly", context.user(), t);
        }
        ctx.write(Errors.toResponse(t, Severity.ERROR));
        if (context.transactionStatus() == TransactionStatus.IN_TRANSACTION) {
            context.transactionStatus(TransactionStatus.FAILED);
        }
    }

    private void extendedError(Throwable t) {
        sendError(t);
        skipUntilSync = true;
        done();
    }

    private void readyForQuery() {
        ctx.writeAndFlush(new ReadyForQuery(context.transactionStatus().code()));
    }

    private static PgException failedTransaction() {
        return new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    // ---- preparing ----

    /** Turns SQL into a {@link Statement}: a cursor or session command or COPY handled here, else the backend's prepare. */
    private void prepare(String sql, List<Integer> parameterTypes, Consumer<Statement> then, Consumer<Throwable> onError) {
        Optional<CursorCommand> cursor;
        Optional<SessionCommand> command = Optional.empty();
        Optional<CopyCommand> copy = Optional.empty();
        try {
            if (SqlSplitter.isBlank(sql)) {
                then.accept(new Statement.Empty());
                return;
            }
            cursor = CursorCommand.parse(sql);
            if (cursor.isEmpty()) {
                command = SessionCommand.parse(sql);
                copy = command.isPresent() ? Optional.empty() : CopyCommand.parse(sql);
            }
        } catch (RuntimeException e) {
            onError.accept(e);
            return;
        }
        if (cursor.isPresent()) {
            declared.prepare(sql, cursor.get(), parameterTypes, then, onError);
        } else if (command.isPresent()) {
            then.accept(new Statement.Local(sql, command.get(), SessionCommands.describe(command.get(), context)));
        } else if (copy.isPresent()) {
            CopyCommand c = copy.get();
            offload(() -> session.prepare(c.query(), List.of()), q -> then.accept(new Statement.Copy(sql, c, q)), onError);
        } else {
            offload(() -> checked(session.prepare(sql, parameterTypes)), q -> then.accept(Statement.Backend.of(q, parameterTypes)), onError);
        }
    }

    private static RowCursor checked(RowCursor cursor) {
        if (cursor == null) {
            throw new PgException(SqlState.INTERNAL_ERROR, "backend returned no cursor");
        }
        return OnceClosedCursor.wrap(cursor);
    }

    private static PreparedQuery checked(PreparedQuery query) {
        if (query == null) {
            throw new PgException(SqlState.INTERNAL_ERROR, "backend returned no prepared statement");
        }
        return query;
    }

    // ---- simple query ----

    private void simpleQuery(String sql) {
        armTimeout();
        List<SqlSplitter.Piece> parts;
        try {
            parts = SqlSplitter.pieces(sql);
        } catch (RuntimeException e) {
            simpleError(e);
            return;
        }
        if (parts.isEmpty()) {
            ctx.write(new EmptyQueryResponse());
            readyForQuery();
            done();
            return;
        }
        runSimple(parts, 0);
    }

    private void simpleError(Throwable t) {
        sendError(t);
        readyForQuery();
        done();
    }

    private void runSimple(List<SqlSplitter.Piece> parts, int index) {
        if (index == parts.size()) {
            readyForQuery();
            done();
            return;
        }
        SqlSplitter.Piece piece = parts.get(index);
        // Error positions count from the start of the whole query string, as in PostgreSQL.
        Consumer<Throwable> onError = t -> simpleError(Errors.shifted(t, piece.offset()));
        prepare(piece.sql(), List.of(), statement -> {
            if (context.transactionStatus() == TransactionStatus.FAILED && !statement.allowedInFailedTransaction()) {
                simpleError(failedTransaction());
                return;
            }
            Portal portal = new Portal("", statement, List.of(), List.of(), context.zone());
            if (!statement.columns().isEmpty()) {
                ctx.write(portal.rowDescription());
            }
            run(portal, 0, () -> runSimple(parts, index + 1), onError);
        }, onError);
    }

    // ---- extended query ----

    private void parse(Parse p) {
        if (!p.statementName().isEmpty() && statements.containsKey(p.statementName())) {
            extendedError(new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + p.statementName() + "\" already exists"));
            return;
        }
        List<SqlSplitter.Piece> parts = SqlSplitter.pieces(p.sql());
        if (parts.size() > 1) {
            extendedError(new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement"));
            return;
        }
        String sql = parts.isEmpty() ? "" : parts.getFirst().sql();
        int offset = parts.isEmpty() ? 0 : parts.getFirst().offset();
        prepare(sql, p.parameterTypeOids(), statement -> {
            if (context.transactionStatus() == TransactionStatus.FAILED && !statement.allowedInFailedTransaction()) {
                extendedError(failedTransaction());
                return;
            }
            statements.put(p.statementName(), statement);
            ctx.write(new ParseComplete());
            done();
        }, t -> extendedError(Errors.shifted(t, offset)));
    }

    private void bind(Bind b) {
        Statement statement = statements.get(b.statementName());
        if (statement == null) {
            extendedError(new PgException(SqlState.UNDEFINED_PREPARED_STATEMENT,
                    "prepared statement \"" + b.statementName() + "\" does not exist"));
            return;
        }
        if (!b.portalName().isEmpty() && (portals.containsKey(b.portalName()) || declared.contains(b.portalName()))) {
            extendedError(new PgException(SqlState.DUPLICATE_CURSOR, "portal \"" + b.portalName() + "\" already exists"));
            return;
        }
        try {
            List<Object> parameters = BindParameters.decode(statement, b);
            int columns = statement.columns().size();
            int formats = b.resultFormats().size();
            if (formats > 1 && formats != columns) {
                throw PgException.protocolViolation("bind message has " + formats + " result formats but query has " + columns + " columns");
            }
            for (short f : b.resultFormats()) {
                if (f != 0 && f != 1) {
                    throw PgException.protocolViolation("unsupported format code: " + f);
                }
            }
            closePortal(b.portalName());
            portals.put(b.portalName(), new Portal(b.portalName(), statement, parameters, b.resultFormats(), context.zone()));
            ctx.write(new BindComplete());
            done();
        } catch (RuntimeException e) {
            extendedError(e);
        }
    }

    private void describe(Describe d) {
        if (d.target() == Target.STATEMENT) {
            Statement statement = statements.get(d.name());
            if (statement == null) {
                extendedError(new PgException(SqlState.UNDEFINED_PREPARED_STATEMENT,
                        "prepared statement \"" + d.name() + "\" does not exist"));
                return;
            }
            ctx.write(new ParameterDescription(statement.parameterTypes().stream().map(PgType::oid).toList()));
            ctx.write(statement.columns().isEmpty() ? new NoData() : Portal.rowDescription(statement.columns(), null));
        } else {
            Optional<Portal> portal = portal(d.name());
            if (portal.isEmpty()) {
                extendedError(new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + d.name() + "\" does not exist"));
                return;
            }
            ctx.write(portal.get().statement.columns().isEmpty() ? new NoData() : portal.get().rowDescription());
        }
        done();
    }

    private void execute(Execute e) {
        armTimeout();
        Portal portal = portal(e.portalName()).orElse(null);
        if (portal == null) {
            extendedError(new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + e.portalName() + "\" does not exist"));
            return;
        }
        if (context.transactionStatus() == TransactionStatus.FAILED && !portal.statement.allowedInFailedTransaction()) {
            extendedError(failedTransaction());
            return;
        }
        run(portal, Math.max(0, e.maxRows()), this::done, this::extendedError);
    }

    /** A protocol-level portal or, as in PostgreSQL, a cursor declared under that name. */
    private Optional<Portal> portal(String name) {
        Portal portal = portals.get(name);
        return portal != null ? Optional.of(portal) : declared.cursor(name);
    }

    private void sync() {
        skipUntilSync = false;
        if (context.transactionStatus() == TransactionStatus.IDLE) {
            // The implicit transaction ends: its portals go with it.
            new ArrayList<>(portals.keySet()).forEach(this::closePortal);
        }
        readyForQuery();
        done();
    }

    private void close(Close c) {
        if (c.target() == Target.STATEMENT) {
            statements.remove(c.name());
        } else {
            closePortal(c.name());
            declared.close(c.name());
        }
        ctx.write(new CloseComplete());
        done();
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null && portal.cursor != null) {
            RowCursor cursor = portal.cursor;
            portal.cursor = null;
            runOnBackend(() -> closeQuietly(cursor));
        }
    }

    // ---- running a portal ----

    private void run(Portal portal, int maxRows, Runnable onComplete, Consumer<Throwable> onError) {
        if (portal.finished) {
            ctx.write(new CommandComplete(portal.finishedTag));
            onComplete.run();
            return;
        }
        switch (portal.statement) {
            case Statement.Empty e -> {
                ctx.write(new EmptyQueryResponse());
                onComplete.run();
            }
            case Statement.Local l -> {
                LocalResult result;
                try {
                    result = SessionCommands.execute(l.command(), context);
                } catch (RuntimeException e) {
                    onError.accept(e);
                    return;
                }
                result.messages().forEach(ctx::write);
                ctx.write(portal.encode(result.columns(), result.rows(), Optional.empty()));
                portal.finished = true;
                portal.finishedTag = result.tag();
                ctx.write(new CommandComplete(result.tag()));
                boolean discardAll = l.command() instanceof SessionCommand.Discard d && d.all();
                if (discardAll || l.command() instanceof SessionCommand.NoOp(String tag) && tag.equals("DEALLOCATE ALL")) {
                    statements.clear();
                }
                if (discardAll || l.command() instanceof SessionCommand.Commit || l.command() instanceof SessionCommand.Rollback) {
                    // The transaction ended: so did its portals (except the one running now) and cursors.
                    new ArrayList<>(portals.keySet()).stream().filter(n -> portals.get(n) != portal).forEach(this::closePortal);
                    if (discardAll) {
                        List<RowCursor> all = declared.removeAll();
                        runOnBackend(() -> all.forEach(QueryHandler::closeQuietly));
                    } else {
                        declared.endTransaction(result.tag().equals("COMMIT"));
                    }
                }
                onComplete.run();
            }
            case Statement.Declare d -> declared.declare(portal, d, onComplete, onError);
            case Statement.Cursor c -> declared.run(portal, c, onComplete, onError);
            case Statement.Backend b -> start(portal, b.query(), maxRows, new RowStream.Purpose.Execute(), onComplete, onError);
            case Statement.Copy c -> start(portal, c.query(), 0, new RowStream.Purpose.Copy(c.copy()), onComplete, onError);
        }
    }

    private void start(Portal portal, PreparedQuery query, int maxRows, RowStream.Purpose purpose, Runnable onComplete,
            Consumer<Throwable> onError) {
        running = portal;
        RowStream stream = new RowStream(this, portal, portal, query.columns(), maxRows, purpose, onComplete, onError);
        if (portal.started) {
            stream.pump();
            return;
        }
        portal.started = true;
        stream.open(() -> checked(session.execute(query, portal.parameters, maxRows)), cursor -> {
            portal.cursor = cursor;
            if (purpose instanceof RowStream.Purpose.Copy(CopyCommand c)) {
                ctx.write(new CopyOutResponse(0, Collections.nCopies(query.columns().size(), (short) 0)));
                if (c.header()) {
                    ctx.write(new CopyData(c.headerLine(query.columns().stream().map(Column::name).toList())));
                }
            }
        }, t -> {
            portal.finished = true;
            onError.accept(t);
        });
    }
}
