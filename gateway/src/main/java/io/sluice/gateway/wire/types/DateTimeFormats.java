package io.sluice.gateway.wire.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text and binary layouts of dates and times (ISO DateStyle; binary counts from 2000-01-01). */
final class DateTimeFormats {
    static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDateTime PG_EPOCH = PG_EPOCH_DATE.atStartOfDay();
    private static final Pattern DATE = Pattern.compile("(\\d{1,7})-(\\d{1,2})-(\\d{1,2})( BC)?");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern OFFSET = Pattern.compile("(?:Z|z|([+-])(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?)");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{1,7}-\\d{1,2}-\\d{1,2})(?:[T ]+(" + TIME.pattern() + "))?\\s*(" + OFFSET.pattern() + ")?( BC)?");

    private DateTimeFormats() {}

    // Written digit by digit: a large result formats millions of these, and String.format costs
    // more than the rest of encoding a row.
    static String formatDate(LocalDate date) {
        boolean bc = date.getYear() <= 0;
        StringBuilder sb = new StringBuilder(13);
        appendPadded(sb, bc ? 1 - date.getYear() : date.getYear(), 4).append('-');
        appendPadded(sb, date.getMonthValue(), 2).append('-');
        appendPadded(sb, date.getDayOfMonth(), 2);
        return bc ? sb.append(" BC").toString() : sb.toString();
    }

    static String formatTime(LocalTime time) {
        StringBuilder sb = new StringBuilder(15);
        appendPadded(sb, time.getHour(), 2).append(':');
        appendPadded(sb, time.getMinute(), 2).append(':');
        appendPadded(sb, time.getSecond(), 2);
        appendFraction(sb, time.getNano() / 1000);
        return sb.toString();
    }

    static void appendFraction(StringBuilder sb, long micros) {
        if (micros != 0) {
            long digits = micros;
            int width = 6;
            while (digits % 10 == 0) {
                digits /= 10;
                width--;
            }
            appendPadded(sb.append('.'), digits, width);
        }
    }

    static String formatOffset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        StringBuilder sb = new StringBuilder(9).append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        appendPadded(sb, total / 3600, 2);
        if (total % 3600 != 0) {
            appendPadded(sb.append(':'), (total % 3600) / 60, 2);
            if (total % 60 != 0) {
                appendPadded(sb.append(':'), total % 60, 2);
            }
        }
        return sb.toString();
    }

    /** {@code value} (not negative) in at least {@code width} digits, zeros in front. */
    private static StringBuilder appendPadded(StringBuilder sb, long value, int width) {
        for (long limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }

    static String formatTimestamp(LocalDateTime ts) {
        boolean bc = ts.getYear() <= 0;
        String date = formatDate(ts.toLocalDate());
        String time = formatTime(ts.toLocalTime());
        return bc ? date.substring(0, date.length() - 3) + " " + time + " BC" : date + " " + time;
    }

    static String formatTimestamptz(OffsetDateTime ts) {
        String base = formatTimestamp(ts.toLocalDateTime());
        String offset = formatOffset(ts.getOffset());
        return base.endsWith(" BC") ? base.substring(0, base.length() - 3) + offset + " BC" : base + offset;
    }

    static LocalDate parseDate(String text) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad date");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(4) != null) {
            year = 1 - year;
        }
        return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    static LocalTime parseTime(String text) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad time");
        }
        return time(m, 1);
    }

    private static LocalTime time(Matcher m, int group) {
        int hour = Integer.parseInt(m.group(group));
        int minute = Integer.parseInt(m.group(group + 1));
        int second = m.group(group + 2) == null ? 0 : Integer.parseInt(m.group(group + 2));
        int nanos = 0;
        if (m.group(group + 3) != null) {
            String f = (m.group(group + 3) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(f);
        }
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
            return LocalTime.MAX;
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    /** Parses a timestamp with or without an offset; a missing offset means {@code defaultOffset}. */
    static OffsetDateTime parseTimestamp(String text, ZoneOffset defaultOffset) {
        Matcher m = TIMESTAMP.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad timestamp");
        }
        LocalDate date = parseDate(m.group(1) + (m.group(12) != null ? " BC" : ""));
        LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : time(m, 3);
        ZoneOffset offset = defaultOffset;
        if (m.group(7) != null) {
            String sign = m.group(8);
            if (sign == null) {
                offset = ZoneOffset.UTC;
            } else {
                int h = Integer.parseInt(m.group(9));
                int mi = m.group(10) == null ? 0 : Integer.parseInt(m.group(10));
                int s = m.group(11) == null ? 0 : Integer.parseInt(m.group(11));
                int total = h * 3600 + mi * 60 + s;
                offset = ZoneOffset.ofTotalSeconds(sign.equals("-") ? -total : total);
            }
        }
        return OffsetDateTime.of(date, time, offset);
    }

    static long toPgMicros(LocalDateTime ts) {
        return ChronoUnit.MICROS.between(PG_EPOCH, ts);
    }

    static LocalDateTime fromPgMicros(long micros) {
        return PG_EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
