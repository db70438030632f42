package io.sluice.gateway.wire.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code interval}: {@link PgInterval} (a {@link Duration} is accepted for writing). Text
 * output follows IntervalStyle {@code postgres} ({@code 1 year 2 mons 3 days 04:05:06.5});
 * input also takes the verbose style pgjdbc sends ({@code 0 years 0 mons 1 days 2 hours 3 mins 4.5 secs}),
 * {@code @ ... ago} and ISO 8601 ({@code P1DT2H}). Binary: int64 micros, int32 days, int32 months.
 */
final class IntervalType extends PgType {
    private static final Pattern TOKEN = Pattern.compile(
            "([+-]?\\d+(?:\\.\\d+)?)\\s*([a-z]+)|([+-]?)(\\d+):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d+)?))?");
    private static final Pattern ISO = Pattern.compile(
            "P(?:([+-]?\\d+)Y)?(?:([+-]?\\d+)M)?(?:([+-]?\\d+)W)?(?:([+-]?\\d+)D)?(?:T(?:([+-]?\\d+)H)?(?:([+-]?\\d+)M)?(?:([+-]?\\d+(?:\\.\\d+)?)S)?)?");

    IntervalType() {
        super(1186, "interval", 16, 1187);
    }

    @Override
    public Class<?> javaType() {
        return PgInterval.class;
    }

    private PgInterval value(Object value) {
        return switch (value) {
            case PgInterval i -> i;
            case Duration d -> PgInterval.of(d);
            case java.time.Period p -> PgInterval.of(p, Duration.ZERO);
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        PgInterval iv = value(value);
        StringBuilder sb = new StringBuilder();
        int years = iv.months() / 12;
        int months = iv.months() % 12;
        boolean anyNegative = false;
        if (years != 0) {
            sb.append(years).append(years == 1 ? " year" : " years");
            anyNegative |= years < 0;
        }
        if (months != 0) {
            sep(sb).append(months).append(months == 1 ? " mon" : " mons");
            anyNegative |= months < 0;
        }
        if (iv.days() != 0) {
            sep(sb).append(iv.days()).append(iv.days() == 1 ? " day" : " days");
            anyNegative |= iv.days() < 0;
        }
        long micros = iv.microseconds();
        if (micros != 0 || sb.isEmpty()) {
            sep(sb);
            if (micros < 0) {
                sb.append('-');
            } else if (anyNegative) {
                sb.append('+');
            }
            long abs = Math.abs(micros);
            long hours = abs / 3_600_000_000L;
            long minutes = (abs / 60_000_000L) % 60;
            long seconds = (abs / 1_000_000L) % 60;
            sb.append(String.format(Locale.ROOT, "%02d:%02d:%02d", hours, minutes, seconds));
            DateTimeFormats.appendFraction(sb, abs % 1_000_000L);
        }
        return sb.toString();
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(' ');
    }

    @Override
    public Object decodeText(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("P") || t.startsWith("-P")) {
                return parseIso(t);
            }
            return parseVerbose(t.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw invalidText(text);
        }
    }

    private static PgInterval parseIso(String t) {
        boolean negate = t.startsWith("-");
        Matcher m = ISO.matcher(negate ? t.substring(1) : t);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad ISO interval");
        }
        long months = num(m.group(1)) * 12 + num(m.group(2));
        long days = num(m.group(3)) * 7 + num(m.group(4));
        BigDecimal secs = m.group(7) == null ? BigDecimal.ZERO : new BigDecimal(m.group(7));
        long micros = num(m.group(5)) * 3_600_000_000L + num(m.group(6)) * 60_000_000L
                + secs.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        int sign = negate ? -1 : 1;
        return new PgInterval(Math.toIntExact(sign * months), Math.toIntExact(sign * days), sign * micros);
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static PgInterval parseVerbose(String t) {
        boolean ago = false;
        if (t.startsWith("@")) {
            t = t.substring(1).strip();
        }
        if (t.endsWith(" ago")) {
            ago = true;
            t = t.substring(0, t.length() - 4).strip();
        }
        Matcher m = TOKEN.matcher(t);
        long months = 0;
        long days = 0;
        BigDecimal micros = BigDecimal.ZERO;
        int pos = 0;
        boolean any = false;
        while (m.find()) {
            if (!t.substring(pos, m.start()).isBlank()) {
                throw new IllegalArgumentException("unexpected text");
            }
            pos = m.end();
            any = true;
            if (m.group(1) != null) {
                BigDecimal n = new BigDecimal(m.group(1));
                switch (m.group(2)) {
                    case "millennium", "millennia", "millenniums" -> months += n.multiply(BigDecimal.valueOf(12_000)).longValueExact();
                    case "century", "centuries" -> months += n.multiply(BigDecimal.valueOf(1200)).longValueExact();
                    case "decade", "decades" -> months += n.multiply(BigDecimal.valueOf(120)).longValueExact();
                    case "y", "year", "years", "yr", "yrs" -> months += n.multiply(BigDecimal.valueOf(12)).longValueExact();
                    case "mon", "mons", "month", "months" -> months += n.longValueExact();
                    case "w", "week", "weeks" -> days += n.multiply(BigDecimal.valueOf(7)).longValueExact();
                    case "d", "day", "days" -> days += n.longValueExact();
                    case "h", "hour", "hours", "hr", "hrs" -> micros = micros.add(n.multiply(BigDecimal.valueOf(3_600_000_000L)));
                    case "m", "min", "mins", "minute", "minutes" -> micros = micros.add(n.multiply(BigDecimal.valueOf(60_000_000L)));
                    case "s", "sec", "secs", "second", "seconds" -> micros = micros.add(n.multiply(BigDecimal.valueOf(1_000_000L)));
                    case "ms", "msec", "msecs", "millisecond", "milliseconds" -> micros = micros.add(n.multiply(BigDecimal.valueOf(1000L)));
                    case "us", "usec", "usecs", "microsecond", "microseconds" -> micros = micros.add(n);
                    default -> throw new IllegalArgumentException("unknown unit " + m.group(2));
                }
            } else {
                boolean negative = m.group(3).equals("-");
                BigDecimal seconds = m.group(6) == null ? BigDecimal.ZERO : new BigDecimal(m.group(6));
                BigDecimal v = BigDecimal.valueOf(Long.parseLong(m.group(4)) * 3_600_000_000L + Long.parseLong(m.group(5)) * 60_000_000L)
                        .add(seconds.movePointRight(6));
                micros = micros.add(negative ? v.negate() : v);
            }
        }
        if (!any || !t.substring(pos).isBlank()) {
            throw new IllegalArgumentException("bad interval");
        }
        long us = micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        int sign = ago ? -1 : 1;
        return new PgInterval(Math.toIntExact(sign * months), Math.toIntExact(sign * days), sign * us);
    }

    @Override
    public byte[] encodeBinary(Object value) {
        PgInterval iv = value(value);
        return ByteBuffer.allocate(16).putLong(iv.microseconds()).putInt(iv.days()).putInt(iv.months()).array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != 16) {
            throw invalidBinary(bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long micros = buf.getLong();
        int days = buf.getInt();
        int months = buf.getInt();
        return new PgInterval(months, days, micros);
    }
}
