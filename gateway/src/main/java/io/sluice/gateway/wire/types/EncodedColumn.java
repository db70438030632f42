package io.sluice.gateway.wire.types;

import static java.util.Objects.requireNonNull;

/**
 * A result column whose values a PostgreSQL server has already encoded, as {@code type} in the
 * binary or the text format. A value goes to the client as it is when the client asked for the
 * same type and format, and is otherwise read with {@code type} and written again.
 *
 * @param binary whether the values are in the binary format rather than text
 */
public record EncodedColumn(PgType type, boolean binary) {
    public EncodedColumn {
        requireNonNull(type, "type is null");
    }

    /** Whether a value of this column is already what a client expects of {@code target} in format {@code formatCode}. */
    public boolean passesAs(PgType target, int formatCode) {
        return target.oid() == type.oid() && (formatCode == 1) == binary;
    }

    /** A value of this column as a Java object of the class {@code type} reads. */
    public Object decoded(byte[] value) {
        return type.decode(value, binary ? 1 : 0);
    }
}
