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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams one Execute's worth of rows from a portal's cursor to the client:
 *
 * <pre>
 *  pump (event loop) ── writable? ── no ──▶ wait for channelWritabilityChanged
 *     │ yes
 *     ▼
 *  fetch + encode a batch (backend executor) ──▶ write + flush (event loop)
 *     ──▶ exhausted: [CopyDone] CommandComplete │ max rows reached: PortalSuspended │ else pump
 * </pre>
 *
 * So at most one batch is in memory per connection, and a slow reader stops the cursor.
 */
final class RowStream {
    private final QueryHandler handler;
    private final Portal portal;
    private final List<Column> columns;
    private final int maxRows;
    private final Optional<CopyCommand> copy;
    private final Runnable onComplete;
    private final Consumer<Throwable> onError;
    private long sent;

    RowStream(QueryHandler handler, Portal portal, List<Column> columns, int maxRows, Optional<CopyCommand> copy,
            Runnable onComplete, Consumer<Throwable> onError) {
        this.handler = handler;
        this.portal = portal;
        this.columns = columns;
        this.maxRows = maxRows;
        this.copy = copy;
        this.onComplete = onComplete;
        this.onError = onError;
    }

    private record Batch(List<BackendMessage> messages, boolean exhausted, String tag) {}

    void pump() {
        if (handler.isClosed()) {
            return;
        }
        RowCursor cursor = portal.cursor;
        if (cursor == null) {
            fail(new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + portal.name + "\" cannot be run"));
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
        int batch = handler.rowBatchSize();
        int n = maxRows > 0 ? (int) Math.min(batch, maxRows - sent) : batch;
        long total = portal.rowsSent;
        handler.offload(() -> {
            try {
                List<Object[]> rows = cursor.fetch(n);
                if (rows == null || rows.isEmpty()) {
                    long all = total;
                    String tag = copy.isPresent() ? "COPY " + all : cursor.commandTag(all);
                    QueryHandler.closeQuietly(cursor);
                    return new Batch(List.of(), true, tag);
                }
                return new Batch(encode(rows), false, null);
            } catch (RuntimeException e) {
                QueryHandler.closeQuietly(cursor);
                throw e;
            }
        }, this::written, this::fail);
    }

    private List<BackendMessage> encode(List<Object[]> rows) {
        if (copy.isEmpty()) {
            return portal.encode(columns, rows);
        }
        CopyCommand c = copy.get();
        List<BackendMessage> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String[] text = new String[columns.size()];
            for (int i = 0; i < text.length; i++) {
                text[i] = row[i] == null ? null : portal.text(columns.get(i), row[i]);
            }
            out.add(new CopyData(c.line(text)));
        }
        return out;
    }

    private void written(Batch batch) {
        ChannelHandlerContext ctx = handler.ctx();
        if (batch.exhausted()) {
            portal.cursor = null;
            portal.finished = true;
            portal.finishedTag = batch.tag();
            if (copy.isPresent()) {
                ctx.write(new CopyDone());
            }
            ctx.write(new CommandComplete(batch.tag()));
            onComplete.run();
            return;
        }
        for (BackendMessage m : batch.messages()) {
            ctx.write(m);
        }
        ctx.flush();
        sent += batch.messages().size();
        portal.rowsSent += batch.messages().size();
        if (maxRows > 0 && sent >= maxRows) {
            ctx.write(new PortalSuspended());
            onComplete.run();
        } else {
            pump();
        }
    }

    private void fail(Throwable t) {
        RowCursor cursor = portal.cursor;
        portal.cursor = null;
        portal.finished = true;
        if (cursor != null) {
            handler.runOnBackend(() -> QueryHandler.closeQuietly(cursor));
        }
        onError.accept(t);
    }
}
