package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value loaded on first use and trusted for a while. After it expires, the next reader still
 * gets the old value at once while a reload runs in the background, so a slow or briefly
 * unreachable source never stalls queries that only need what is already known. A failed
 * first load is thrown to the reader (nothing to serve); a failed reload keeps the old value.
 */
final class Cached<T> {
    private record Entry<T>(T value, Instant loadedAt) {}

    private final Supplier<T> loader;
    private final Duration ttl;
    private final Executor refresher;
    private final Consumer<RuntimeException> onReloadFailure;
    private final Clock clock;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile Entry<T> entry;

    Cached(Supplier<T> loader, Duration ttl, Executor refresher, Consumer<RuntimeException> onReloadFailure,
            Clock clock) {
        this.loader = requireNonNull(loader, "loader is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.refresher = requireNonNull(refresher, "refresher is null");
        this.onReloadFailure = requireNonNull(onReloadFailure, "onReloadFailure is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    T get() {
        Entry<T> current = entry;
        if (current == null) {
            synchronized (this) {
                current = entry;
                if (current == null) {
                    current = new Entry<>(loader.get(), clock.instant());
                    entry = current;
                }
            }
        } else if (clock.instant().isAfter(current.loadedAt().plus(ttl)) && reloading.compareAndSet(false, true)) {
            try {
                refresher.execute(this::reload);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Shutting down, or the refresher is saturated: keep serving and try again later.
                reloading.set(false);
            }
        }
        return current.value();
    }

    /** Forgets the value so the next reader loads it again (used after a source came back). */
    void invalidate() {
        entry = null;
    }

    private void reload() {
        try {
            entry = new Entry<>(loader.get(), clock.instant());
        } catch (RuntimeException e) {
            onReloadFailure.accept(e);
        } finally {
            reloading.set(false);
        }
    }
}
