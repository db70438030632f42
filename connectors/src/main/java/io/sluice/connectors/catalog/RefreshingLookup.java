package io.sluice.connectors.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * A lookup that asks for the current snapshot on every call. Calcite keeps the first
 * {@link Lookup} a schema hands out for the life of the schema object, so handing out each
 * refreshed snapshot directly would freeze the table list at its first load.
 */
final class RefreshingLookup<T> implements Lookup<T> {
    private final Supplier<Lookup<T>> current;

    RefreshingLookup(Supplier<Lookup<T>> current) {
        this.current = requireNonNull(current, "current is null");
    }

    @Override
    public T get(String name) {
        return current.get().get(name);
    }

    @Override
    public Named<T> getIgnoreCase(String name) {
        return current.get().getIgnoreCase(name);
    }

    @Override
    public Set<String> getNames(LikePattern pattern) {
        return current.get().getNames(pattern);
    }
}
