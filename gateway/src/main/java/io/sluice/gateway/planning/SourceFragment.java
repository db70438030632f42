package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

/** A piece of a plan that one source runs, with the exact SQL Sluice will send it. */
public record SourceFragment(String source, String sql) {
    public SourceFragment {
        requireNonNull(source, "source is null");
        requireNonNull(sql, "sql is null");
    }
}
