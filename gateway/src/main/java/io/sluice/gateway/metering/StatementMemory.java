package io.sluice.gateway.metering;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory one running statement holds in its operators, estimated from the rows they buffer.
 * Reservations come from the statement's own limit and from the gateway's {@link Pool}, which all
 * statements share, so that many statements each under their limit still cannot exhaust the heap.
 * Going over either fails the statement with SQLSTATE 53200; nothing is freed row by row, the
 * whole reservation goes back when the statement ends.
 *
 * <p>Used by the one thread running the statement; only the pool is shared.
 */
public final class StatementMemory implements AutoCloseable {
    /** Where a running statement's data context holds its memory account. */
    public static final String DATA_CONTEXT_KEY = "sluice.memory";
    /** Taken from the pool in steps of this size, so the shared counter is touched rarely. */
    static final long CHUNK = 1L << 20;

    private final long limit;
    private final Pool pool;
    private long used;
    private long fromPool;

    public StatementMemory(long limit, Pool pool) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        this.pool = requireNonNull(pool, "pool is null");
    }

    /** Accounts for {@code bytes} more held by {@code holder} (e.g. "a sort"); fails the statement when over. */
    public void reserve(long bytes, String holder) {
        used += bytes;
        if (used > limit) {
            throw new SluiceException(SqlState.OUT_OF_MEMORY, "statement needs more than its memory limit of "
                    + megabytes(limit) + " (limits.statement_memory) for the rows held by " + holder
                    + "; add filters that reduce those rows, or raise the limit", OptionalInt.empty(), null);
        }
        while (used > fromPool) {
            if (!pool.take(CHUNK)) {
                throw new SluiceException(SqlState.OUT_OF_MEMORY, "the gateway's memory for statements ("
                        + megabytes(pool.size()) + ") is held by other running statements; " + holder
                        + " could not get more. Try again when fewer statements run", OptionalInt.empty(), null);
            }
            fromPool += CHUNK;
        }
    }

    /** Accounts for {@code bytes} no longer held (an operator dropped rows it read before). */
    public void release(long bytes) {
        used = Math.max(0, used - bytes);
    }

    public long used() {
        return used;
    }

    /** Gives the statement's reservation back to the pool; the statement holds nothing any more. */
    @Override
    public void close() {
        pool.give(fromPool);
        fromPool = 0;
        used = 0;
    }

    static String megabytes(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GB" : Math.max(1, bytes >> 20) + " MB";
    }

    /** The memory all running statements share. */
    public static final class Pool {
        private final long size;
        private final AtomicLong available;

        public Pool(long size) {
            if (size <= 0) {
                throw new IllegalArgumentException("size must be positive");
            }
            this.size = size;
            this.available = new AtomicLong(size);
        }

        /** Three quarters of the JVM's heap: the rest is for connections, plans and the heap's own slack. */
        public static Pool ofHeap() {
            return new Pool(Runtime.getRuntime().maxMemory() / 4 * 3);
        }

        public long size() {
            return size;
        }

        public long available() {
            return available.get();
        }

        boolean take(long bytes) {
            while (true) {
                long now = available.get();
                if (now < bytes) {
                    return false;
                }
                if (available.compareAndSet(now, now - bytes)) {
                    return true;
                }
            }
        }

        void give(long bytes) {
            available.addAndGet(bytes);
        }
    }
}
