package io.sluice.gateway.wire.types;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** {@code date}: {@link LocalDate}; binary is int32 days since 2000-01-01. */
final class DateType extends PgType {
    DateType() {
        super(1082, "date", 4, 1182);
    }

    @Override
    public Class<?> javaType() {
        return LocalDate.class;
    }

    private LocalDate value(Object value) {
        return switch (value) {
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            case java.time.LocalDateTime t -> t.toLocalDate();
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        return DateTimeFormats.formatDate(value(value));
    }

    @Override
    public Object decodeText(String text) {
        try {
            return DateTimeFormats.parseDate(text);
        } catch (RuntimeException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        long days = ChronoUnit.DAYS.between(DateTimeFormats.PG_EPOCH_DATE, value(value));
        return ByteBuffer.allocate(4).putInt((int) days).array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != 4) {
            throw invalidBinary(bytes.length);
        }
        return DateTimeFormats.PG_EPOCH_DATE.plusDays(ByteBuffer.wrap(bytes).getInt());
    }
}
