package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.types.EncodedColumn;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Guarantees the backend's {@link RowCursor#close()} runs exactly once, whichever path gets
 * there first: exhaustion, an error, Close/Sync, or the connection going away mid-fetch.
 */
final class OnceClosedCursor implements RowCursor {
    private final RowCursor delegate;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnceClosedCursor(RowCursor delegate) {
        this.delegate = delegate;
    }

    static RowCursor wrap(RowCursor cursor) {
        return cursor instanceof OnceClosedCursor ? cursor : new OnceClosedCursor(cursor);
    }

    @Override
    public List<Object[]> fetch(int maxRows) {
        return delegate.fetch(maxRows);
    }

    @Override
    public Optional<List<EncodedColumn>> encodedColumns() {
        return delegate.encodedColumns();
    }

    @Override
    public boolean exhausted() {
        return delegate.exhausted();
    }

    @Override
    public String commandTag(long rowCount) {
        return delegate.commandTag(rowCount);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            delegate.close();
        }
    }
}
