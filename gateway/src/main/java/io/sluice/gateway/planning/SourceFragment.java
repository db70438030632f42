package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * A piece of a plan that one source runs, with the exact SQL Sluice will send it.
 * {@code independent}: the SQL can be sent as soon as the statement starts, since it takes no
 * parameter and no operator filters it at run time (a dependent join's probe side does not qualify).
 * {@code maxRows}: the most rows the fragment can return, when the plan proves a bound (a unique
 * key equal to a constant, a LIMIT, an aggregate without GROUP BY).
 */
public record SourceFragment(String source, String sql, boolean independent, OptionalLong maxRows) {
    public SourceFragment {
        requireNonNull(source, "source is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(maxRows, "maxRows is null");
    }
}
