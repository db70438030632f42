package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

/**
 * How a PostgreSQL source encoded one result column: its type name ({@code int8}, {@code numeric})
 * and whether the values are in the binary format rather than text.
 */
public record SourceEncoding(String typeName, boolean binary) {
    public SourceEncoding {
        requireNonNull(typeName, "typeName is null");
    }
}
