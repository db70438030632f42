package io.sluice.gateway.wire.types;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import java.nio.charset.StandardCharsets;

/**
 * One PostgreSQL type: its OID, name, {@code typlen} and how its values are written and read
 * in the text and binary formats of the wire protocol. Instances live in {@link PgTypes}.
 *
 * <p>Writers accept the Java class documented on each type (and are lenient with close
 * relatives, e.g. any {@link Number} for an integer type); readers return that class.
 */
public abstract class PgType {
    private final int oid;
    private final String name;
    private final short typlen;
    private final int arrayOid;

    protected PgType(int oid, String name, int typlen, int arrayOid) {
        this.oid = oid;
        this.name = requireNonNull(name, "name is null");
        this.typlen = (short) typlen;
        this.arrayOid = arrayOid;
    }

    public final int oid() {
        return oid;
    }

    public final String name() {
        return name;
    }

    /** Size in bytes for fixed-size types, -1 for varlena, -2 for C strings. */
    public final short typlen() {
        return typlen;
    }

    /** OID of the one-dimensional array of this type, 0 if none. */
    public final int arrayOid() {
        return arrayOid;
    }

    /** The Java class values of this type are read as. */
    public abstract Class<?> javaType();

    /** The text format of a non-null value. */
    public abstract String encodeText(Object value);

    /** Reads the text format. */
    public abstract Object decodeText(String text);

    /** The binary format of a non-null value. */
    public abstract byte[] encodeBinary(Object value);

    /** Reads the binary format. */
    public abstract Object decodeBinary(byte[] bytes);

    /** Text format as UTF-8 bytes, as DataRow carries it. */
    public byte[] encodeTextBytes(Object value) {
        return encodeText(value).getBytes(StandardCharsets.UTF_8);
    }

    public Object decodeTextBytes(byte[] bytes) {
        return decodeText(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Encodes in the given wire format code (0 text, 1 binary). */
    public final byte[] encode(Object value, int formatCode) {
        return formatCode == 1 ? encodeBinary(value) : encodeTextBytes(value);
    }

    /** Decodes from the given wire format code (0 text, 1 binary). */
    public final Object decode(byte[] bytes, int formatCode) {
        try {
            return formatCode == 1 ? decodeBinary(bytes) : decodeTextBytes(bytes);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PgException(formatCode == 1 ? SqlState.INVALID_BINARY_REPRESENTATION : SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid " + (formatCode == 1 ? "binary" : "input") + " value for type " + name + ": " + e.getMessage(), e);
        }
    }

    protected final PgException invalidText(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + name + ": \"" + text + "\"");
    }

    protected final PgException invalidBinary(int length) {
        return new PgException(SqlState.INVALID_BINARY_REPRESENTATION,
                "incorrect binary data format for type " + name + " (" + length + " bytes)");
    }

    protected final PgException wrongClass(Object value) {
        return new PgException(SqlState.DATA_EXCEPTION,
                "cannot write a " + value.getClass().getName() + " as " + name);
    }

    @Override
    public String toString() {
        return name + "(" + oid + ")";
    }
}
