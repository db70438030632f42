package io.sluice.gateway.wire.message;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** Every message the server sends, encoded by {@link io.sluice.gateway.wire.codec.BackendMessageEncoder}. */
public sealed interface BackendMessage {

    /** The single byte answering SSLRequest or GSSENCRequest ('S' or 'N'); not a framed message. */
    record EncryptionResponse(boolean accepted) implements BackendMessage {}

    // ---- authentication ('R') ----

    record AuthenticationOk() implements BackendMessage {}

    record AuthenticationCleartextPassword() implements BackendMessage {}

    record AuthenticationSasl(List<String> mechanisms) implements BackendMessage {
        public AuthenticationSasl {
            mechanisms = List.copyOf(mechanisms);
        }
    }

    record AuthenticationSaslContinue(byte[] data) implements BackendMessage {
        public AuthenticationSaslContinue {
            data = data.clone();
        }
    }

    record AuthenticationSaslFinal(byte[] data) implements BackendMessage {
        public AuthenticationSaslFinal {
            data = data.clone();
        }
    }

    // ---- start-up ----

    record ParameterStatus(String name, String value) implements BackendMessage {}

    record BackendKeyData(int processId, int secretKey) implements BackendMessage {}

    record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions) implements BackendMessage {
        public NegotiateProtocolVersion {
            unrecognizedOptions = List.copyOf(unrecognizedOptions);
        }
    }

    record ReadyForQuery(char transactionStatus) implements BackendMessage {}

    // ---- query results ----

    /** One field of RowDescription. */
    record Field(String name, int tableOid, short columnNumber, int typeOid, short typlen, int typmod, short format) {
        public Field {
            requireNonNull(name, "name is null");
        }
    }

    record RowDescription(List<Field> fields) implements BackendMessage {
        public RowDescription {
            fields = List.copyOf(fields);
        }
    }

    record ParameterDescription(List<Integer> typeOids) implements BackendMessage {
        public ParameterDescription {
            typeOids = List.copyOf(typeOids);
        }
    }

    /** One row; each value already in its column's wire format, {@code null} for SQL NULL. */
    record DataRow(byte[][] values) implements BackendMessage {
        public int encodedLength() {
            int len = 4 + 2;
            for (byte[] v : values) {
                len += 4 + (v == null ? 0 : v.length);
            }
            return len;
        }
    }

    /**
     * Consecutive DataRow messages, written as one buffer: a result's rows pass through the
     * pipeline once per batch instead of once per row.
     */
    record DataRows(List<DataRow> rows) implements BackendMessage {
        public DataRows {
            rows = List.copyOf(rows);
        }

        /** The bytes of all the rows, each with its type byte. */
        public int encodedLength() {
            int length = 0;
            for (DataRow row : rows) {
                length += 1 + row.encodedLength();
            }
            return length;
        }
    }

    record CommandComplete(String tag) implements BackendMessage {}

    record EmptyQueryResponse() implements BackendMessage {}

    record NoData() implements BackendMessage {}

    record ParseComplete() implements BackendMessage {}

    record BindComplete() implements BackendMessage {}

    record CloseComplete() implements BackendMessage {}

    record PortalSuspended() implements BackendMessage {}

    // ---- COPY TO STDOUT ----

    record CopyOutResponse(int overallFormat, List<Short> columnFormats) implements BackendMessage {
        public CopyOutResponse {
            columnFormats = List.copyOf(columnFormats);
        }
    }

    record CopyData(byte[] data) implements BackendMessage {}

    record CopyDone() implements BackendMessage {}

    // ---- errors and notices ----

    enum Severity {
        ERROR,
        FATAL,
        PANIC,
        WARNING,
        NOTICE,
        DEBUG,
        INFO,
        LOG
    }

    /** ErrorResponse ('E') or, with {@code notice}, NoticeResponse ('N'). */
    record ErrorResponse(Severity severity, String sqlState, String message, Optional<String> detail,
            Optional<String> hint, Optional<Integer> position, boolean notice) implements BackendMessage {
        public ErrorResponse {
            requireNonNull(severity, "severity is null");
            requireNonNull(sqlState, "sqlState is null");
            requireNonNull(message, "message is null");
            requireNonNull(detail, "detail is null");
            requireNonNull(hint, "hint is null");
            requireNonNull(position, "position is null");
        }

        public static ErrorResponse error(String sqlState, String message) {
            return new ErrorResponse(Severity.ERROR, sqlState, message, Optional.empty(), Optional.empty(), Optional.empty(), false);
        }

        public static ErrorResponse fatal(String sqlState, String message) {
            return new ErrorResponse(Severity.FATAL, sqlState, message, Optional.empty(), Optional.empty(), Optional.empty(), false);
        }

        public static ErrorResponse notice(String sqlState, String message) {
            return new ErrorResponse(Severity.NOTICE, sqlState, message, Optional.empty(), Optional.empty(), Optional.empty(), true);
        }
    }
}
