package io.sluice.gateway.wire;

import io.sluice.gateway.wire.types.PgType;
import java.util.List;

/**
 * A statement the backend has parsed and planned, ready to be executed many times with
 * different parameters. Engines implement it with whatever they need to execute it later
 * (a plan, a cached rel tree); the wire layer only reads its shape.
 */
public interface PreparedQuery {
    /** The statement text as the client sent it. */
    String sql();

    /** One type per {@code $n} placeholder, in order, with unknown client types resolved. */
    List<PgType> parameterTypes();

    /**
     * The columns of the rows this statement returns; empty when it returns no rows
     * (then the wire layer answers Describe with NoData).
     */
    List<Column> columns();

    /** True when the statement returns rows (even zero of them), i.e. RowDescription applies. */
    default boolean returnsRows() {
        return !columns().isEmpty();
    }
}
