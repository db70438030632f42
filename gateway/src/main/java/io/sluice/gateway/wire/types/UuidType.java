package io.sluice.gateway.wire.types;

import java.nio.ByteBuffer;
import java.util.UUID;

/** {@code uuid}: {@link UUID}. */
final class UuidType extends PgType {
    UuidType() {
        super(2950, "uuid", 16, 2951);
    }

    @Override
    public Class<?> javaType() {
        return UUID.class;
    }

    private UUID value(Object value) {
        return switch (value) {
            case UUID u -> u;
            case String s -> (UUID) decodeText(s);
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        return value(value).toString();
    }

    @Override
    public Object decodeText(String text) {
        String hex = text.strip().replace("-", "").replace("{", "").replace("}", "");
        if (hex.length() != 32) {
            throw invalidText(text);
        }
        try {
            return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        } catch (NumberFormatException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        UUID u = value(value);
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != 16) {
            throw invalidBinary(bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return new UUID(buf.getLong(), buf.getLong());
    }
}
