package io.sluice.gateway.wire.types;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** {@code bytea}: {@code byte[]}; text output in hex format ({@code \x0a0b}), input in hex or escape format. */
final class ByteaType extends PgType {
    ByteaType() {
        super(17, "bytea", -1, 1001);
    }

    @Override
    public Class<?> javaType() {
        return byte[].class;
    }

    private byte[] value(Object value) {
        return switch (value) {
            case byte[] b -> b;
            case java.nio.ByteBuffer b -> {
                byte[] copy = new byte[b.remaining()];
                b.duplicate().get(copy);
                yield copy;
            }
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        return "\\x" + HexFormat.of().formatHex(value(value));
    }

    @Override
    public Object decodeText(String text) {
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            String hex = text.substring(2).replaceAll("\\s", "");
            try {
                return HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw invalidText(text);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0xFF) {
                    byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.write(utf8, 0, utf8.length);
                } else {
                    out.write(c);
                }
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (isOctal(text, i + 1)) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                throw invalidText(text);
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return s.charAt(from) <= '3';
    }

    @Override
    public byte[] encodeBinary(Object value) {
        return value(value);
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        return bytes;
    }
}
