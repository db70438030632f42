package io.sluice.gateway.wire.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code jsonb}: JSON text as a {@link String}; the binary format is a version byte (1) and the text. */
final class JsonbType extends PgType {
    JsonbType() {
        super(3802, "jsonb", -1, 3807);
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
        byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = 1;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length < 1 || bytes[0] != 1) {
            throw invalidBinary(bytes.length);
        }
        return new String(Arrays.copyOfRange(bytes, 1, bytes.length), StandardCharsets.UTF_8);
    }
}
