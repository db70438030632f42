package io.sluice.gateway.wire.server;

import io.netty.channel.ChannelHandlerContext;
import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.SqlState;
import io.sluice.gateway.wire.message.BackendMessage;
import io.sluice.gateway.wire.message.BackendMessage.CommandComplete;
import io.sluice.gateway.wire.message.BackendMessage.CopyData;
import io.sluice.gateway.wire.message.BackendMessage.CopyDone;
import io.sluice.gateway.wire.message.BackendMessage.PortalSuspended;
import io.sluice.gateway.wire.types.EncodedColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Streams one Execute's (or FETCH's) worth of rows from a portal's cursor to the client:
 *
 * <pre>
 *  open: execute + first batch (backend executor) ──▶ write + flush (event loop) ──▶ …
 *  pump (event loop) ── writable? ── no ──▶ wait for channelWritabilityChanged
 *     │ yes
 *     ▼
 *  fetch + encode a batch (backend executor) ──▶ write + flush (event loop)
 *     ──▶ exhausted: [CopyDone] CommandComplete │ max rows reached: PortalSuspended (FETCH: CommandComplete)
 *     │ else pump
 * </pre>
 *
 * So at most one batch is in memory per connection, and a slow reader stops the cursor.
 */
final class RowStream {
    /** What the rows are for, which decides how they are written and how the stream ends. */
    sealed interface Purpose {
        /** An Execute: ends with the cursor's command tag, or PortalSuspended at the row limit. */
        record Execute() implements Purpose {}

        /** COPY ... TO STDOUT: CopyData lines, then CopyDone and {@code COPY n}. */
        record Copy(CopyCommand copy) implements Purpose {}

        /**
         * FETCH or MOVE from a declared cursor: ends with {@code FETCH n} / {@code MOVE n} at the row
         * limit or when the cursor is exhausted; the cursor stays open for the next FETCH.
         */
        record Fetch(String verb, boolean discard) implements Purpose {}
    }

    private final QueryHandler handler;
    private final Portal source;
    private final Portal target;
    private final List<Column> columns;
    private final long maxRows;
    private final Purpose purpose;
    private final Runnable onComplete;
    private final Consumer<Throwable> onError;
    private long sent;

    /**
     * @param source the portal whose cursor is read
     * @param target the portal whose result formats encode the rows (the source itself, except for FETCH)
     * @param maxRows 0 for all
     */
    RowStream(QueryHandler handler, Portal source, Portal target, List<Column> columns, long maxRows, Purpose purpose,
            Runnable onComplete, Consumer<Throwable> onError) {
        this.handler = handler;
        this.source = source;
        this.target = target;
        this.columns = columns;
        this.maxRows = maxRows;
        this.purpose = purpose;
        this.onComplete = onComplete;
        this.onError = onError;
    }

    private record Batch(List<BackendMessage> messages, int rows, boolean exhausted, String tag) {}

    /**
     * What the statement's execution gave: its cursor and, unless the client could not take rows
     * yet or cancelled, the first batch read from it.
     */
    private record Opened(RowCursor cursor, Optional<Batch> first) implements AutoCloseable {
        @Override
        public void close() {
            cursor.close();
        }
    }

    /**
     * Executes the statement and reads its first batch in the same backend task, so a short
     * result costs one hand-off between the event loop and the backend instead of two;
     * {@code opened} runs on the event loop with the cursor before any row is written.
     */
    void open(Callable<RowCursor> execute, Consumer<RowCursor> opened, Consumer<Throwable> failed) {
        ChannelHandlerContext ctx = handler.ctx();
        int n = batchSize();
        handler.offload(() -> {
            RowCursor cursor = execute.call();
            boolean canSend = ctx.channel().isWritable() && !handler.cancelRequested();
            try {
                return new Opened(cursor, canSend ? Optional.of(next(cursor, n, 0, 0)) : Optional.empty());
            } catch (Throwable t) {
                // The portal never got the cursor: nothing else would close it.
                QueryHandler.closeQuietly(cursor);
                throw t;
            }
        }, done -> {
            opened.accept(done.cursor());
            done.first().ifPresentOrElse(first -> written(first, done.cursor()), this::pump);
        }, failed);
    }

    void pump() {
        if (handler.isClosed()) {
            return;
        }
        RowCursor cursor = source.cursor;
        if (cursor == null) {
            fail(new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + source.name + "\" cannot be run"));
            return;
        }
        if (handler.cancelRequested()) {
            fail(PgException.cancelled());
            return;
        }
        ChannelHandlerContext ctx = handler.ctx();
        if (!ctx.channel().isWritable()) {
            ctx.flush();
            handler.waitForWritability(this);
            return;
        }
        int n = batchSize();
        long total = source.rowsSent;
        long fetched = sent;
        handler.offload(() -> next(cursor, n, total, fetched), done -> written(done, cursor), this::fail);
    }

    /** Rows to read next: a batch, or what is left of this Execute's row limit. */
    private int batchSize() {
        int batch = handler.rowBatchSize();
        return maxRows > 0 ? (int) Math.min(batch, maxRows - sent) : batch;
    }

    /**
     * Reads and encodes up to {@code n} rows (backend executor); {@code total} rows of the portal
     * and {@code fetched} of this stream were sent before. A cursor that fails is closed.
     */
    private Batch next(RowCursor cursor, int n, long total, long fetched) {
        try {
            List<Object[]> rows = cursor.fetch(n);
            boolean empty = rows == null || rows.isEmpty();
            // The last rows and the end of the result go out together when the cursor says
            // it is done (and the row limit does not end this Execute first).
            boolean last = empty || (cursor.exhausted() && !(purpose instanceof Purpose.Fetch)
                    && (maxRows == 0 || fetched + rows.size() < maxRows));
            List<BackendMessage> messages = empty ? List.of() : encode(rows, cursor.encodedColumns());
            int count = empty ? 0 : rows.size();
            if (!last) {
                return new Batch(messages, count, false, null);
            }
            long all = total + count;
            String tag = switch (purpose) {
                case Purpose.Execute e -> cursor.commandTag(all);
                case Purpose.Copy c -> "COPY " + all;
                case Purpose.Fetch f -> f.verb() + " " + fetched;
            };
            return new Batch(messages, count, true, tag);
        } catch (RuntimeException e) {
            QueryHandler.closeQuietly(cursor);
            throw e;
        }
    }

    private List<BackendMessage> encode(List<Object[]> rows, Optional<List<EncodedColumn>> encoded) {
        return switch (purpose) {
            case Purpose.Execute e -> List.of(target.encode(columns, rows, encoded));
            case Purpose.Fetch f -> f.discard() ? List.of() : List.of(target.encode(columns, rows, encoded));
            case Purpose.Copy c -> {
                List<BackendMessage> out = new ArrayList<>(rows.size());
                for (Object[] row : rows) {
                    out.add(new CopyData(c.copy().line(target.text(columns, row, encoded))));
                }
                yield out;
            }
        };
    }

    private void written(Batch batch, RowCursor cursor) {
        ChannelHandlerContext ctx = handler.ctx();
        for (BackendMessage m : batch.messages()) {
            ctx.write(m);
        }
        sent += batch.rows();
        source.rowsSent += batch.rows();
        if (batch.exhausted()) {
            source.cursor = null;
            source.finished = true;
            source.finishedTag = batch.tag();
            if (purpose instanceof Purpose.Copy) {
                ctx.write(new CopyDone());
            }
            complete(batch.tag());
            // Releasing the source (a round trip to return its connection) runs after the reply
            // is on its way; the connection's next statement queues behind it on the backend.
            handler.runOnBackend(() -> QueryHandler.closeQuietly(cursor));
            return;
        }
        ctx.flush();
        if (maxRows > 0 && sent >= maxRows) {
            if (purpose instanceof Purpose.Fetch f) {
                complete(f.verb() + " " + sent);
            } else {
                ctx.write(new PortalSuspended());
                onComplete.run();
            }
        } else {
            pump();
        }
    }

    private void complete(String tag) {
        if (target != source) {
            target.finished = true;
            target.finishedTag = tag;
        }
        handler.ctx().write(new CommandComplete(tag));
        onComplete.run();
    }

    private void fail(Throwable t) {
        RowCursor cursor = source.cursor;
        source.cursor = null;
        source.finished = true;
        if (cursor != null) {
            handler.runOnBackend(() -> QueryHandler.closeQuietly(cursor));
        }
        onError.accept(t);
    }
}
