package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.session.SessionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Compiled plans by statement text, for the same user (name, groups, attributes) under the same
 * policy bundle revision. A plan embeds the user's row filters and masks, so neither a plan nor
 * its policy is ever shared between users; a new bundle revision misses every entry. Entries
 * also expire after {@code ttl}, so a changed table definition or attribute is picked up within
 * that time. Planning failures are not cached. Calcite's planning costs milliseconds (hundreds
 * cold); a hit costs a map lookup.
 */
public final class PlanCache<P> {
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;
    private final Map<Key, Entry<P>> entries = new ConcurrentHashMap<>();

    private record Key(String sql, String user, List<String> groups, Map<String, String> attributes,
            String revision) {}

    private record Entry<P>(P plan, long expiresAt) {}

    public PlanCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    PlanCache(Duration ttl, int maxEntries, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.clock = requireNonNull(clock, "clock is null");
    }

    public P get(String sql, SessionContext session, String revision, Supplier<P> planner) {
        if (ttlNanos <= 0 || maxEntries <= 0) {
            return planner.get();
        }
        Key key = new Key(sql, session.user(), session.groups(), session.attributes(), revision);
        long now = clock.getAsLong();
        Entry<P> entry = entries.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.plan();
        }
        P plan = planner.get();
        if (entries.size() >= maxEntries) {
            entries.entrySet().removeIf(e -> now - e.getValue().expiresAt() >= 0);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(plan, now + ttlNanos));
        return plan;
    }

    public int size() {
        return entries.size();
    }
}
