package io.sluice.gateway.wire.types;

import java.nio.charset.StandardCharsets;

/**
 * Character types whose binary format is their UTF-8 text: {@code text}, {@code varchar},
 * {@code bpchar}, {@code name}, {@code "char"}, {@code json}, {@code unknown}. Values are
 * {@link String}; any object is written with {@code toString()}.
 */
final class TextType extends PgType {
    TextType(int oid, String name, int typlen, int arrayOid) {
        super(oid, name, typlen, arrayOid);
    }

    @Override
    public Class<?> javaType() {
        return String.class;
    }

    @Override
    public String encodeText(Object value) {
        return value.toString();
    }

    @Override
    public Object decodeText(String text) {
        return text;
    }

    @Override
    public byte[] encodeBinary(Object value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
