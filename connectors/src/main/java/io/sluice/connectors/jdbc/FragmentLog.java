package io.sluice.connectors.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fragments one user statement sent to its sources. The engine makes one per statement and
 * activates it on the thread that pulls rows; the {@link InstrumentedDataSource} adds a
 * {@link FragmentRun} for every SQL statement issued while it is active.
 */
public final class FragmentLog {
    private static final ThreadLocal<FragmentLog> ACTIVE = new ThreadLocal<>();

    private final List<FragmentRun> runs = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<PrefetchedQuery> prefetched = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public List<FragmentRun> runs() {
        return List.copyOf(runs);
    }

    /** What operators decided while running, in order (a dependent join's choice, for one). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Adds a note to the log active on this thread, if any. */
    static void note(String note) {
        FragmentLog log = ACTIVE.get();
        if (log != null) {
            log.notes.add(note);
        }
    }

    /** Adds a note about the statement as a whole (what it started early, for one). */
    public void addNote(String note) {
        notes.add(note);
    }

    void addPrefetched(PrefetchedQuery query) {
        prefetched.add(query);
    }

    /**
     * The query the active statement already sent for exactly this SQL to this source, taken so
     * no other reader gets it; empty when there is none.
     */
    static Optional<PrefetchedQuery> claim(String source, String sql) {
        FragmentLog log = ACTIVE.get();
        if (log == null || log.prefetched.isEmpty()) {
            return Optional.empty();
        }
        for (PrefetchedQuery query : log.prefetched) {
            if (query.source().equals(source) && query.sql().equals(sql) && log.prefetched.remove(query)) {
                return Optional.of(query);
            }
        }
        return Optional.empty();
    }

    /** Gives back what queries started early and never read still hold; called when the statement ends. */
    public void closePrefetched() {
        for (PrefetchedQuery query : prefetched) {
            query.close();
        }
        prefetched.clear();
    }

    /**
     * Cancels every fragment still running and any that starts afterwards. A fragment recorded but
     * not yet sent may miss it (a driver ignores a cancel before its statement runs): whoever
     * cancels for a reason that persists, such as a time limit, cancels again until the
     * statement ends.
     */
    public void cancel() {
        List<FragmentRun> started;
        synchronized (runs) {
            cancelled = true;
            started = List.copyOf(runs);
        }
        started.forEach(FragmentRun::cancel);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** The log active on this thread; a log of its own (recording nowhere) when none is. */
    static FragmentLog active() {
        FragmentLog log = ACTIVE.get();
        return log == null ? new FragmentLog() : log;
    }

    /** Makes this log the one that records fragments started on the current thread. */
    public Activation activate() {
        FragmentLog previous = ACTIVE.get();
        ACTIVE.set(this);
        return () -> {
            if (previous == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(previous);
            }
        };
    }

    /**
     * Records a fragment about to be sent. After a cancel no new fragment may start: drivers
     * ignore {@code Statement.cancel()} on a statement that is not running yet.
     */
    static FragmentRun record(String source, String sql, FragmentRun.Canceller canceller) throws SQLException {
        FragmentLog log = ACTIVE.get();
        FragmentRun run = new FragmentRun(source, sql, canceller);
        if (log == null) {
            return run;
        }
        // With cancel(): a run is either refused here or in the list cancel() goes through.
        synchronized (log.runs) {
            if (log.cancelled) {
                throw new SQLException("canceling statement due to user request", "57014");
            }
            log.runs.add(run);
        }
        return run;
    }

    /** Scope of an activation; closing restores what was active before. */
    public interface Activation extends AutoCloseable {
        @Override
        void close();
    }
}
