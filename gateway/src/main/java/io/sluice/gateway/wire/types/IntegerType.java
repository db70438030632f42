package io.sluice.gateway.wire.types;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import java.math.BigDecimal;
import java.nio.ByteBuffer;

/** {@code int2} ({@link Short}), {@code int4} ({@link Integer}), {@code int8} ({@link Long}) and {@code oid} ({@link Long}, unsigned 32-bit). */
final class IntegerType extends PgType {
    private final int width;
    private final boolean unsigned;

    IntegerType(int oid, String name, int width, int arrayOid, boolean unsigned) {
        super(oid, name, width, arrayOid);
        this.width = width;
        this.unsigned = unsigned;
    }

    @Override
    public Class<?> javaType() {
        if (unsigned) {
            return Long.class;
        }
        return switch (width) {
            case 2 -> Short.class;
            case 4 -> Integer.class;
            default -> Long.class;
        };
    }

    private long value(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case BigDecimal d -> d.longValueExact();
            case Number n -> {
                double d = n.doubleValue();
                if (d != Math.rint(d)) {
                    throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "not an integer for " + name() + ": " + n);
                }
                yield n.longValue();
            }
            case String s -> Long.parseLong(s.strip());
            default -> throw wrongClass(value);
        };
    }

    private Object box(long v, String source) {
        long min = unsigned ? 0 : width == 2 ? Short.MIN_VALUE : width == 4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = unsigned ? 0xFFFF_FFFFL : width == 2 ? Short.MAX_VALUE : width == 4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (v < min || v > max) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + source + "\" is out of range for type " + name());
        }
        if (unsigned) {
            return v;
        }
        return switch (width) {
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }

    @Override
    public String encodeText(Object value) {
        return Long.toString(value(value));
    }

    @Override
    public Object decodeText(String text) {
        try {
            return box(Long.parseLong(text.strip()), text);
        } catch (NumberFormatException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        long v = value(value);
        ByteBuffer buf = ByteBuffer.allocate(width);
        switch (width) {
            case 2 -> buf.putShort((short) v);
            case 4 -> buf.putInt((int) v);
            default -> buf.putLong(v);
        }
        return buf.array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != width) {
            throw invalidBinary(bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return switch (width) {
            case 2 -> buf.getShort();
            case 4 -> unsigned ? Integer.toUnsignedLong(buf.getInt()) : (Object) buf.getInt();
            default -> buf.getLong();
        };
    }
}
