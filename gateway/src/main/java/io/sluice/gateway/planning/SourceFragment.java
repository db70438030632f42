package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

/**
 * A piece of a plan that one source runs, with the exact SQL Sluice will send it.
 * {@code independent}: the SQL can be sent as soon as the statement starts, since it takes no
 * parameter and no operator filters it at run time (a dependent join's probe side does not qualify).
 */
public record SourceFragment(String source, String sql, boolean independent) {
    public SourceFragment {
        requireNonNull(source, "source is null");
        requireNonNull(sql, "sql is null");
    }
}
