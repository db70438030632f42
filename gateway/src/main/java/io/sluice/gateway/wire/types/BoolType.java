package io.sluice.gateway.wire.types;

import java.util.Locale;

/** {@code bool}: {@link Boolean}. */
final class BoolType extends PgType {
    BoolType() {
        super(16, "bool", 1, 1000);
    }

    @Override
    public Class<?> javaType() {
        return Boolean.class;
    }

    private boolean value(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.longValue() != 0;
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        return value(value) ? "t" : "f";
    }

    @Override
    public Object decodeText(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
            case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
            default -> throw invalidText(text);
        };
    }

    @Override
    public byte[] encodeBinary(Object value) {
        return new byte[] {(byte) (value(value) ? 1 : 0)};
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != 1) {
            throw invalidBinary(bytes.length);
        }
        return bytes[0] != 0;
    }
}
