package io.sluice.policies.engine;

import static java.util.Objects.requireNonNull;

import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.DecisionInput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Reuses a decision for the same user (name, groups, attributes), the same tables with the same
 * columns and tags, and the same bundle revision, for a short time. The statement text is not
 * part of the key: a bundle whose decision depends on {@code input.query} should run with the
 * cache off ({@code cache_ttl: 0s}). Failures are never cached.
 */
public final class CachingPolicyEngine implements PolicyEngine {
    private static final int MAX_ENTRIES = 10_000;

    private final PolicyEngine delegate;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    private record Key(DecisionInput.User user, List<DecisionInput.Resource> resources, String revision) {}

    private record Entry(Decision decision, long expiresAt) {}

    public CachingPolicyEngine(PolicyEngine delegate, Duration ttl) {
        this(delegate, ttl, System::nanoTime);
    }

    CachingPolicyEngine(PolicyEngine delegate, Duration ttl, LongSupplier clock) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.ttlNanos = ttl.toNanos();
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Decision decide(DecisionInput input) {
        if (ttlNanos <= 0) {
            return delegate.decide(input);
        }
        Key key = new Key(input.user(), input.resources(), delegate.revision());
        long now = clock.getAsLong();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached.decision();
        }
        Decision decision = delegate.decide(input);
        if (entries.size() >= MAX_ENTRIES) {
            entries.entrySet().removeIf(e -> now - e.getValue().expiresAt() >= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        // The key's revision was read before deciding; if a reload happened meanwhile, the entry is
        // simply never hit again.
        entries.put(key, new Entry(decision, now + ttlNanos));
        return decision;
    }

    @Override
    public String revision() {
        return delegate.revision();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
