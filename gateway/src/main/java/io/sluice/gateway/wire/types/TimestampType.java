package io.sluice.gateway.wire.types;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@code timestamp} ({@link LocalDateTime}) and {@code timestamptz} ({@link OffsetDateTime},
 * printed with its own offset; read back in UTC from binary). Binary is int64 microseconds
 * since 2000-01-01 00:00 (UTC for timestamptz).
 */
final class TimestampType extends PgType {
    private final boolean withZone;

    TimestampType(boolean withZone) {
        super(withZone ? 1184 : 1114, withZone ? "timestamptz" : "timestamp", 8, withZone ? 1185 : 1115);
        this.withZone = withZone;
    }

    @Override
    public Class<?> javaType() {
        return withZone ? OffsetDateTime.class : LocalDateTime.class;
    }

    private OffsetDateTime zoned(Object value) {
        return switch (value) {
            case OffsetDateTime t -> t;
            case ZonedDateTime t -> t.toOffsetDateTime();
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case LocalDateTime t -> t.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw wrongClass(value);
        };
    }

    private LocalDateTime local(Object value) {
        return switch (value) {
            case LocalDateTime t -> t;
            case OffsetDateTime t -> t.toLocalDateTime();
            case ZonedDateTime t -> t.toLocalDateTime();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case java.time.LocalDate d -> d.atStartOfDay();
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        return withZone ? DateTimeFormats.formatTimestamptz(zoned(value)) : DateTimeFormats.formatTimestamp(local(value));
    }

    @Override
    public Object decodeText(String text) {
        try {
            OffsetDateTime parsed = DateTimeFormats.parseTimestamp(text, ZoneOffset.UTC);
            return withZone ? parsed : parsed.toLocalDateTime();
        } catch (RuntimeException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        LocalDateTime utc = withZone
                ? zoned(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : local(value);
        return ByteBuffer.allocate(8).putLong(DateTimeFormats.toPgMicros(utc)).array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != 8) {
            throw invalidBinary(bytes.length);
        }
        LocalDateTime ts = DateTimeFormats.fromPgMicros(ByteBuffer.wrap(bytes).getLong());
        return withZone ? ts.atOffset(ZoneOffset.UTC) : ts;
    }
}
