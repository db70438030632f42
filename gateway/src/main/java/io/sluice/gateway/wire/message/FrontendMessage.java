package io.sluice.gateway.wire.message;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every message a client sends, decoded from the wire by
 * {@link io.sluice.gateway.wire.codec.FrontendMessageDecoder}. Byte payloads are copied out of
 * Netty buffers, so these records hold no reference-counted memory.
 */
public sealed interface FrontendMessage {

    // ---- start-up phase (no type byte) ----

    /** Protocol version 3.x start-up with its key/value parameters in the order sent. */
    record StartupMessage(int majorVersion, int minorVersion, Map<String, String> parameters) implements FrontendMessage {
        public StartupMessage {
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }
    }

    record SslRequest() implements FrontendMessage {}

    record GssEncRequest() implements FrontendMessage {}

    record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

    // ---- authentication ('p'; the meaning depends on what the server asked for) ----

    /** The body of a 'p' message; {@link #password()}, {@link #saslInitial()} or {@link #saslResponse()} reads it. */
    record PasswordPayload(byte[] bytes) implements FrontendMessage {
        public PasswordPayload {
            bytes = bytes.clone();
        }

        /** As a PasswordMessage: a NUL-terminated string. */
        public String password() {
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == 0) {
                end--;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }

        /** As a SASLInitialResponse: mechanism name, int32 length (-1 for none), data. */
        public SaslInitialResponse saslInitial() {
            int nul = 0;
            while (nul < bytes.length && bytes[nul] != 0) {
                nul++;
            }
            if (nul + 5 > bytes.length) {
                throw new IllegalArgumentException("malformed SASLInitialResponse");
            }
            String mechanism = new String(bytes, 0, nul, StandardCharsets.UTF_8);
            int p = nul + 1;
            int len = ((bytes[p] & 0xFF) << 24) | ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8) | (bytes[p + 3] & 0xFF);
            p += 4;
            if (len == -1) {
                return new SaslInitialResponse(mechanism, new byte[0]);
            }
            if (len < 0 || p + len != bytes.length) {
                throw new IllegalArgumentException("malformed SASLInitialResponse");
            }
            return new SaslInitialResponse(mechanism, Arrays.copyOfRange(bytes, p, p + len));
        }

        /** As a SASLResponse: the raw data. */
        public SaslResponse saslResponse() {
            return new SaslResponse(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PasswordPayload p && Arrays.equals(bytes, p.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "PasswordPayload[" + bytes.length + " bytes]";
        }
    }

    /** Not decoded directly: obtained from {@link PasswordPayload#saslInitial()}. */
    record SaslInitialResponse(String mechanism, byte[] data) {
        public SaslInitialResponse {
            requireNonNull(mechanism, "mechanism is null");
            data = data.clone();
        }
    }

    /** Not decoded directly: obtained from {@link PasswordPayload#saslResponse()}. */
    record SaslResponse(byte[] data) {
        public SaslResponse {
            data = data.clone();
        }
    }

    // ---- simple and extended query ----

    record Query(String sql) implements FrontendMessage {
        public Query {
            requireNonNull(sql, "sql is null");
        }
    }

    record Parse(String statementName, String sql, List<Integer> parameterTypeOids) implements FrontendMessage {
        public Parse {
            requireNonNull(statementName, "statementName is null");
            requireNonNull(sql, "sql is null");
            parameterTypeOids = List.copyOf(parameterTypeOids);
        }
    }

    /**
     * @param parameterFormats empty (all text), one (applies to all) or one per parameter
     * @param parameterValues {@code null} entries are SQL NULL
     * @param resultFormats empty (all text), one (applies to all) or one per column
     */
    record Bind(String portalName, String statementName, List<Short> parameterFormats, List<byte[]> parameterValues,
            List<Short> resultFormats) implements FrontendMessage {
        public Bind {
            requireNonNull(portalName, "portalName is null");
            requireNonNull(statementName, "statementName is null");
            parameterFormats = List.copyOf(parameterFormats);
            parameterValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameterValues));
            resultFormats = List.copyOf(resultFormats);
        }
    }

    /** Target of Describe and Close. */
    enum Target {
        STATEMENT('S'),
        PORTAL('P');

        private final char code;

        Target(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        public static Target of(byte code) {
            return switch (code) {
                case 'S' -> STATEMENT;
                case 'P' -> PORTAL;
                default -> throw new IllegalArgumentException("invalid Describe/Close target '" + (char) code + "'");
            };
        }
    }

    record Describe(Target target, String name) implements FrontendMessage {}

    /** @param maxRows 0 means no limit */
    record Execute(String portalName, int maxRows) implements FrontendMessage {}

    record Close(Target target, String name) implements FrontendMessage {}

    record Sync() implements FrontendMessage {}

    record Flush() implements FrontendMessage {}

    record Terminate() implements FrontendMessage {}

    // ---- COPY FROM STDIN sub-protocol (we do not support COPY FROM, but must read these) ----

    record CopyData(int length) implements FrontendMessage {}

    record CopyDone() implements FrontendMessage {}

    record CopyFail(String message) implements FrontendMessage {}

    /** FunctionCall ('F'): legacy, answered with 0A000. */
    record FunctionCall() implements FrontendMessage {}
}
