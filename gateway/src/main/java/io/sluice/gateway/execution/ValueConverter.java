package io.sluice.gateway.execution;

import io.sluice.gateway.planning.ResultColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Calcite's compiled code carries values in its internal form (a DATE is an int of days, a
 * TIMESTAMP a long of milliseconds, binary a ByteString). Clients get java.time values and
 * byte arrays; this picks the conversion once per column instead of testing every value.
 */
final class ValueConverter {
    private ValueConverter() {}

    static UnaryOperator<Object> forColumn(ResultColumn column) {
        return switch (column.type()) {
            case DATE -> v -> v instanceof Number n ? LocalDate.ofEpochDay(n.longValue()) : v;
            case TIME, TIME_WITH_LOCAL_TIME_ZONE ->
                    v -> v instanceof Number n ? LocalTime.ofNanoOfDay(n.longValue() * 1_000_000L) : v;
            case TIMESTAMP -> v -> v instanceof Number n
                    ? LocalDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), ZoneOffset.UTC) : v;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> v -> v instanceof Number n
                    ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), ZoneOffset.UTC) : v;
            case BINARY, VARBINARY -> v -> v instanceof ByteString b ? b.getBytes() : v;
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH ->
                    v -> v instanceof Number n ? Period.ofMonths(n.intValue()).normalized() : v;
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                 INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                 INTERVAL_SECOND -> v -> v instanceof Number n ? Duration.ofMillis(n.longValue()) : v;
            default -> UnaryOperator.identity();
        };
    }
}
