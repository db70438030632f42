package io.sluice.gateway.wire.types;

import static java.util.Objects.requireNonNull;

/**
 * A value a PostgreSQL server has already encoded: written to the client as it is when the client
 * asked for the same format and the column has the same type, and otherwise read with
 * {@code type} and written again. A {@link io.sluice.gateway.wire.RowCursor} may hand these out
 * for any column.
 *
 * @param binary whether {@code bytes} are in the binary format rather than text
 */
public record EncodedValue(PgType type, boolean binary, byte[] bytes) {
    public EncodedValue {
        requireNonNull(type, "type is null");
        requireNonNull(bytes, "bytes is null");
    }

    /** The value in {@code target}'s encoding and the given format code (0 text, 1 binary). */
    public byte[] encode(PgType target, int formatCode) {
        if (target.oid() == type.oid() && (formatCode == 1) == binary) {
            return bytes;
        }
        return target.encode(decoded(), formatCode);
    }

    /** The value as a Java object of the class {@code type} reads. */
    public Object decoded() {
        return type.decode(bytes, binary ? 1 : 0);
    }
}
