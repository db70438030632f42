package io.sluice.gateway.wire.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds frontend messages as raw bytes, the way a client would send them. */
public final class Frontend {
    private Frontend() {}

    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Body body) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            body.write(out);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] message(char type, Body body) {
        byte[] payload = bytes(body);
        return bytes(out -> {
            out.writeByte(type);
            out.writeInt(payload.length + 4);
            out.write(payload);
        });
    }

    private static void cstring(DataOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.writeByte(0);
    }

    public static byte[] startup(int version, Map<String, String> params) {
        byte[] payload = bytes(out -> {
            out.writeInt(version);
            for (Map.Entry<String, String> e : params.entrySet()) {
                cstring(out, e.getKey());
                cstring(out, e.getValue());
            }
            out.writeByte(0);
        });
        return bytes(out -> {
            out.writeInt(payload.length + 4);
            out.write(payload);
        });
    }

    public static byte[] startup(String user, String database) {
        return startup(196608, new java.util.LinkedHashMap<>(Map.of("user", user, "database", database)));
    }

    public static byte[] sslRequest() {
        return bytes(out -> {
            out.writeInt(8);
            out.writeInt(80877103);
        });
    }

    public static byte[] gssEncRequest() {
        return bytes(out -> {
            out.writeInt(8);
            out.writeInt(80877104);
        });
    }

    public static byte[] cancelRequest(int pid, int secret) {
        return bytes(out -> {
            out.writeInt(16);
            out.writeInt(80877102);
            out.writeInt(pid);
            out.writeInt(secret);
        });
    }

    public static byte[] query(String sql) {
        return message('Q', out -> cstring(out, sql));
    }

    public static byte[] parse(String name, String sql, List<Integer> oids) {
        return message('P', out -> {
            cstring(out, name);
            cstring(out, sql);
            out.writeShort(oids.size());
            for (int oid : oids) {
                out.writeInt(oid);
            }
        });
    }

    public static byte[] bind(String portal, String statement, List<Short> paramFormats, List<byte[]> values, List<Short> resultFormats) {
        return message('B', out -> {
            cstring(out, portal);
            cstring(out, statement);
            out.writeShort(paramFormats.size());
            for (short f : paramFormats) {
                out.writeShort(f);
            }
            out.writeShort(values.size());
            for (byte[] v : values) {
                if (v == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(v.length);
                    out.write(v);
                }
            }
            out.writeShort(resultFormats.size());
            for (short f : resultFormats) {
                out.writeShort(f);
            }
        });
    }

    public static byte[] describe(char target, String name) {
        return message('D', out -> {
            out.writeByte(target);
            cstring(out, name);
        });
    }

    public static byte[] execute(String portal, int maxRows) {
        return message('E', out -> {
            cstring(out, portal);
            out.writeInt(maxRows);
        });
    }

    public static byte[] close(char target, String name) {
        return message('C', out -> {
            out.writeByte(target);
            cstring(out, name);
        });
    }

    public static byte[] sync() {
        return message('S', out -> { });
    }

    public static byte[] flush() {
        return message('H', out -> { });
    }

    public static byte[] terminate() {
        return message('X', out -> { });
    }

    public static byte[] password(byte[] payload) {
        return message('p', out -> out.write(payload));
    }

    public static byte[] saslInitial(String mechanism, byte[] data) {
        return message('p', out -> {
            cstring(out, mechanism);
            out.writeInt(data.length);
            out.write(data);
        });
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
