package io.sluice.gateway.wire.types;

import java.nio.ByteBuffer;
import java.time.LocalTime;

/** {@code time} (without time zone): {@link LocalTime}; binary is int64 microseconds since midnight. */
final class TimeType extends PgType {
    TimeType() {
        super(1083, "time", 8, 1183);
    }

    @Override
    public Class<?> javaType() {
        return LocalTime.class;
    }

    private LocalTime value(Object value) {
        return switch (value) {
            case LocalTime t -> t;
            case java.sql.Time t -> t.toLocalTime();
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        return DateTimeFormats.formatTime(value(value));
    }

    @Override
    public Object decodeText(String text) {
        try {
            return DateTimeFormats.parseTime(text);
        } catch (RuntimeException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        return ByteBuffer.allocate(8).putLong(value(value).toNanoOfDay() / 1000).array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != 8) {
            throw invalidBinary(bytes.length);
        }
        long micros = ByteBuffer.wrap(bytes).getLong();
        return micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
    }
}
