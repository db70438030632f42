package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** time.* built-ins over nanoseconds since the epoch, limited to Go's int64 range like OPA. */
final class Time {
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Time() {}

  static void register(Builtins.Registry r) {
    r.add("time.now_ns", 0, (a, c) -> Optional.of(Value.num(c.nowNanos())));
    r.add("time.parse_rfc3339_ns", 1, (a, c) -> {
      Args x = new Args("time.parse_rfc3339_ns", a);
      try {
        OffsetDateTime t = OffsetDateTime.parse(x.str(0).replace("-00:00", "Z"), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return Optional.of(ns(x, t.toInstant()));
      } catch (DateTimeParseException e) {
        throw x.err("parsing time " + io.sluice.policies.rego.value.ValueFormat.quote(x.str(0))
            + " as \"2006-01-02T15:04:05Z07:00\": cannot parse");
      }
    });
    r.add("time.parse_duration_ns", 1, (a, c) -> {
      Args x = new Args("time.parse_duration_ns", a);
      return Optional.of(new Value.Num(duration(x, x.str(0))));
    });
    r.add("time.date", 1, (a, c) -> {
      ZonedDateTime t = zoned(new Args("time.date", a), a.get(0));
      return Optional.of(new Value.Arr(List.of(Value.num(t.getYear()), Value.num(t.getMonthValue()),
          Value.num(t.getDayOfMonth()))));
    });
    r.add("time.clock", 1, (a, c) -> {
      ZonedDateTime t = zoned(new Args("time.clock", a), a.get(0));
      return Optional.of(new Value.Arr(List.of(Value.num(t.getHour()), Value.num(t.getMinute()),
          Value.num(t.getSecond()))));
    });
    r.add("time.weekday", 1, (a, c) -> {
      ZonedDateTime t = zoned(new Args("time.weekday", a), a.get(0));
      DayOfWeek d = t.getDayOfWeek();
      return Optional.of(Value.str(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
    });
    r.add("time.add_date", 4, (a, c) -> {
      Args x = new Args("time.add_date", a);
      ZonedDateTime t = toInstant(x, x.num(0)).atZone(ZoneOffset.UTC);
      long years = x.longInt(1);
      long months = x.longInt(2);
      long days = x.longInt(3);
      // Go normalises out-of-range days/months (Jan 31 + 1 month = Mar 3), unlike java.time's clamping
      LocalDate d;
      try {
        d = LocalDate.of(Math.toIntExact(t.getYear() + years), 1, 1)
            .plusMonths(t.getMonthValue() - 1 + months).plusDays(t.getDayOfMonth() - 1 + days);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw x.err("time outside of valid range");
      }
      return Optional.of(ns(x, d.atTime(t.toLocalTime()).toInstant(ZoneOffset.UTC)));
    });
    r.add("time.diff", 2, (a, c) -> {
      Args x = new Args("time.diff", a);
      ZonedDateTime t1 = zoned(x, a.get(0));
      ZonedDateTime t2 = zoned(x, a.get(1));
      if (t1.isAfter(t2)) {
        ZonedDateTime tmp = t1;
        t1 = t2;
        t2 = tmp;
      }
      int year = t2.getYear() - t1.getYear();
      int month = t2.getMonthValue() - t1.getMonthValue();
      int day = t2.getDayOfMonth() - t1.getDayOfMonth();
      int hour = t2.getHour() - t1.getHour();
      int min = t2.getMinute() - t1.getMinute();
      int sec = t2.getSecond() - t1.getSecond();
      if (sec < 0) {
        sec += 60;
        min--;
      }
      if (min < 0) {
        min += 60;
        hour--;
      }
      if (hour < 0) {
        hour += 24;
        day--;
      }
      if (day < 0) {
        day += LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).lengthOfMonth();
        month--;
      }
      if (month < 0) {
        month += 12;
        year--;
      }
      return Optional.of(new Value.Arr(List.of(Value.num(year), Value.num(month), Value.num(day),
          Value.num(hour), Value.num(min), Value.num(sec))));
    });
    r.add("time.format", 1, (a, c) -> {
      Args x = new Args("time.format", a);
      ZonedDateTime t = zoned(x, a.get(0));
      if (a.get(0) instanceof Value.Arr arr && arr.items().size() >= 3 && arr.items().get(2) instanceof Value.Str l) {
        return Optional.of(Value.str(t.format(GoTime.formatter(GoTime.named(l.value())))));
      }
      return Optional.of(Value.str(t.format(GoTime.formatter(GoTime.named("RFC3339Nano")))));
    });
    r.add("time.parse_ns", 2, (a, c) -> {
      Args x = new Args("time.parse_ns", a);
      String layout = GoTime.named(x.str(0));
      try {
        var parsed = GoTime.formatter(layout).parse(x.str(1));
        Instant t;
        if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
          t = OffsetDateTime.from(parsed).toInstant();
        } else {
          java.time.LocalDate d = java.time.LocalDate.from(parsed);
          java.time.LocalTime lt = parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)
              || parsed.isSupported(java.time.temporal.ChronoField.CLOCK_HOUR_OF_AMPM)
              ? java.time.LocalTime.from(parsed) : java.time.LocalTime.MIDNIGHT;
          t = d.atTime(lt).toInstant(ZoneOffset.UTC);
        }
        return Optional.of(ns(x, t));
      } catch (java.time.DateTimeException e) {
        throw x.err("parsing time " + io.sluice.policies.rego.value.ValueFormat.quote(x.str(1)) + " as "
            + io.sluice.policies.rego.value.ValueFormat.quote(layout) + ": cannot parse");
      }
    });
  }

  private static Value ns(Args x, Instant t) {
    BigInteger n = BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(t.getNano()));
    if (n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
      throw x.err("time outside of valid range");
    }
    return new Value.Num(new BigDecimal(n));
  }

  private static Instant toInstant(Args x, BigDecimal ns) {
    BigInteger n = ns.toBigInteger();
    BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    return Instant.ofEpochSecond(qr[0].longValue(), qr[1].longValue());
  }

  private static ZonedDateTime zoned(Args x, Value v) {
    if (v instanceof Value.Num n) {
      return toInstant(x, n.value()).atZone(ZoneOffset.UTC);
    }
    if (v instanceof Value.Arr arr && arr.items().size() >= 2 && arr.items().get(0) instanceof Value.Num n
        && arr.items().get(1) instanceof Value.Str tz) {
      ZoneId zone = switch (tz.value()) {
        case "", "UTC" -> ZoneOffset.UTC;
        case "Local" -> ZoneId.systemDefault();
        default -> ZoneId.of(tz.value());
      };
      return toInstant(x, n.value()).atZone(zone);
    }
    throw x.typeErr(0, "one of {number, array}");
  }

  private static BigDecimal duration(Args x, String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)").matcher(s);
    String rest = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    m.reset(rest);
    BigDecimal total = BigDecimal.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw x.err("time: invalid duration " + io.sluice.policies.rego.value.ValueFormat.quote(s));
      }
      end = m.end();
      BigDecimal unit = switch (m.group(2)) {
        case "ns" -> BigDecimal.ONE;
        case "us", "µs" -> BigDecimal.valueOf(1_000);
        case "ms" -> BigDecimal.valueOf(1_000_000);
        case "s" -> BigDecimal.valueOf(1_000_000_000L);
        case "m" -> BigDecimal.valueOf(60_000_000_000L);
        default -> BigDecimal.valueOf(3_600_000_000_000L);
      };
      total = total.add(new BigDecimal(m.group(1)).multiply(unit));
    }
    if (end != rest.length() || (end == 0 && !rest.equals("0"))) {
      throw x.err("time: invalid duration " + io.sluice.policies.rego.value.ValueFormat.quote(s));
    }
    total = total.setScale(0, java.math.RoundingMode.DOWN);
    return s.startsWith("-") ? total.negate() : total;
  }

}
