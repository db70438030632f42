package io.sluice.gateway.wire.types;

import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.SqlState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One-dimensional arrays: a {@link List} of element values ({@code null} for NULL elements;
 * {@code Object[]} is accepted for writing). Text format {@code {1,2,NULL,"a b"}}; binary
 * format int32 ndim, int32 has-nulls, int32 element OID, then per dimension int32 length and
 * int32 lower bound (1), then each element as int32 length (-1 for NULL) and its bytes.
 */
public final class ArrayType extends PgType {
    private final PgType element;

    ArrayType(PgType element) {
        super(element.arrayOid(), "_" + element.name(), -1, 0);
        this.element = element;
    }

    public PgType elementType() {
        return element;
    }

    @Override
    public Class<?> javaType() {
        return List.class;
    }

    private List<?> value(Object value) {
        return switch (value) {
            case List<?> l -> l;
            case Object[] a -> Arrays.asList(a);
            case int[] a -> Arrays.stream(a).boxed().toList();
            case long[] a -> Arrays.stream(a).boxed().toList();
            case double[] a -> Arrays.stream(a).boxed().toList();
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Object item : value(value)) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (item == null) {
                sb.append("NULL");
                continue;
            }
            String text = element.encodeText(item);
            if (needsQuotes(text)) {
                sb.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(text);
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object decodeText(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw invalidText(text);
            }
            t = t.substring(eq + 1).strip();
        }
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw invalidText(text);
        }
        List<Object> out = new ArrayList<>();
        String body = t.substring(1, t.length() - 1);
        if (body.isBlank()) {
            return Collections.unmodifiableList(out);
        }
        int i = 0;
        while (true) {
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i < body.length() && body.charAt(i) == '{') {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "multi-dimensional arrays are not supported");
            }
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            if (i < body.length() && body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < body.length() && body.charAt(i) != '"') {
                    char c = body.charAt(i);
                    if (c == '\\' && i + 1 < body.length()) {
                        i++;
                        c = body.charAt(i);
                    }
                    item.append(c);
                    i++;
                }
                if (i >= body.length()) {
                    throw invalidText(text);
                }
                i++;
                while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
            } else {
                while (i < body.length() && body.charAt(i) != ',') {
                    char c = body.charAt(i);
                    if (c == '\\' && i + 1 < body.length()) {
                        i++;
                        c = body.charAt(i);
                    }
                    item.append(c);
                    i++;
                }
            }
            String s = quoted ? item.toString() : item.toString().strip();
            out.add(!quoted && s.toUpperCase(Locale.ROOT).equals("NULL") ? null : element.decodeText(s));
            if (i >= body.length()) {
                break;
            }
            if (body.charAt(i) != ',') {
                throw invalidText(text);
            }
            i++;
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public byte[] encodeBinary(Object value) {
        List<?> items = value(value);
        List<byte[]> encoded = new ArrayList<>(items.size());
        int size = 12 + (items.isEmpty() ? 0 : 8);
        boolean hasNull = false;
        for (Object item : items) {
            byte[] b = item == null ? null : element.encodeBinary(item);
            hasNull |= b == null;
            encoded.add(b);
            size += 4 + (b == null ? 0 : b.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(items.isEmpty() ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(element.oid());
        if (!items.isEmpty()) {
            buf.putInt(items.size()).putInt(1);
        }
        for (byte[] b : encoded) {
            if (b == null) {
                buf.putInt(-1);
            } else {
                buf.putInt(b.length).put(b);
            }
        }
        return buf.array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < 12) {
            throw invalidBinary(bytes.length);
        }
        int ndim = buf.getInt();
        buf.getInt(); // has-nulls flag
        buf.getInt(); // element OID: trust the declared type
        if (ndim == 0) {
            return List.of();
        }
        if (ndim != 1) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "multi-dimensional arrays are not supported");
        }
        int count = buf.getInt();
        buf.getInt(); // lower bound
        if (count < 0 || count > buf.remaining() / 4) {
            throw invalidBinary(bytes.length);
        }
        List<Object> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int len = buf.getInt();
            if (len == -1) {
                out.add(null);
                continue;
            }
            if (len < 0 || len > buf.remaining()) {
                throw invalidBinary(bytes.length);
            }
            byte[] item = new byte[len];
            buf.get(item);
            out.add(element.decodeBinary(item));
        }
        return Collections.unmodifiableList(out);
    }
}
