package io.sluice.policies.rego.builtins;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Translates Go reference-time layouts ("2006-01-02T15:04:05Z07:00") into java.time
 * formatters, for time.parse_ns and time.format.
 */
final class GoTime {
  private GoTime() {}

  static DateTimeFormatter formatter(String layout) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    int i = 0;
    while (i < layout.length()) {
      String rest = layout.substring(i);
      if (rest.startsWith("2006")) {
        b.appendValue(ChronoField.YEAR, 4);
        i += 4;
      } else if (rest.startsWith("January")) {
        b.appendText(ChronoField.MONTH_OF_YEAR, java.time.format.TextStyle.FULL);
        i += 7;
      } else if (rest.startsWith("Jan")) {
        b.appendText(ChronoField.MONTH_OF_YEAR, java.time.format.TextStyle.SHORT);
        i += 3;
      } else if (rest.startsWith("Monday")) {
        b.appendText(ChronoField.DAY_OF_WEEK, java.time.format.TextStyle.FULL);
        i += 6;
      } else if (rest.startsWith("Mon")) {
        b.appendText(ChronoField.DAY_OF_WEEK, java.time.format.TextStyle.SHORT);
        i += 3;
      } else if (rest.startsWith("MST")) {
        b.appendZoneText(java.time.format.TextStyle.SHORT);
        i += 3;
      } else if (rest.startsWith("01")) {
        b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
        i += 2;
      } else if (rest.startsWith("02")) {
        b.appendValue(ChronoField.DAY_OF_MONTH, 2);
        i += 2;
      } else if (rest.startsWith("06")) {
        b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
        i += 2;
      } else if (rest.startsWith("15")) {
        b.appendValue(ChronoField.HOUR_OF_DAY, 2);
        i += 2;
      } else if (rest.startsWith("03")) {
        b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
        i += 2;
      } else if (rest.startsWith("04")) {
        b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
        i += 2;
      } else if (rest.startsWith("05")) {
        b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
        i += 2;
      } else if (rest.startsWith("PM")) {
        b.appendText(ChronoField.AMPM_OF_DAY);
        i += 2;
      } else if (rest.startsWith("Z07:00")) {
        b.appendOffset("+HH:MM", "Z");
        i += 6;
      } else if (rest.startsWith("-07:00")) {
        b.appendOffset("+HH:MM", "+00:00");
        i += 6;
      } else if (rest.startsWith("Z0700")) {
        b.appendOffset("+HHMM", "Z");
        i += 5;
      } else if (rest.startsWith("-0700")) {
        b.appendOffset("+HHMM", "+0000");
        i += 5;
      } else if (rest.startsWith(".999999999") || rest.startsWith(".000000000")) {
        b.appendFraction(ChronoField.NANO_OF_SECOND, rest.startsWith(".0") ? 9 : 0, 9, true);
        i += 10;
      } else if (rest.startsWith(".999999") || rest.startsWith(".000000")) {
        b.appendFraction(ChronoField.NANO_OF_SECOND, rest.startsWith(".0") ? 6 : 0, 6, true);
        i += 7;
      } else if (rest.startsWith(".999") || rest.startsWith(".000")) {
        b.appendFraction(ChronoField.NANO_OF_SECOND, rest.startsWith(".0") ? 3 : 0, 3, true);
        i += 4;
      } else if (rest.startsWith("1")) {
        b.appendValue(ChronoField.MONTH_OF_YEAR);
        i += 1;
      } else if (rest.startsWith("2")) {
        b.appendValue(ChronoField.DAY_OF_MONTH);
        i += 1;
      } else if (rest.startsWith("3")) {
        b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM);
        i += 1;
      } else if (rest.startsWith("4")) {
        b.appendValue(ChronoField.MINUTE_OF_HOUR);
        i += 1;
      } else if (rest.startsWith("5")) {
        b.appendValue(ChronoField.SECOND_OF_MINUTE);
        i += 1;
      } else {
        b.appendLiteral(layout.charAt(i));
        i += 1;
      }
    }
    return b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1).parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
        .toFormatter(Locale.ENGLISH);
  }

  /** Named layouts OPA accepts in time.parse_ns / time.format. */
  static String named(String layout) {
    return switch (layout) {
      case "ANSIC" -> "Mon Jan _2 15:04:05 2006";
      case "RFC822" -> "02 Jan 06 15:04 MST";
      case "RFC822Z" -> "02 Jan 06 15:04 -0700";
      case "RFC850" -> "Monday, 02-Jan-06 15:04:05 MST";
      case "RFC1123" -> "Mon, 02 Jan 2006 15:04:05 MST";
      case "RFC1123Z" -> "Mon, 02 Jan 2006 15:04:05 -0700";
      case "RFC3339" -> "2006-01-02T15:04:05Z07:00";
      case "RFC3339Nano" -> "2006-01-02T15:04:05.999999999Z07:00";
      case "Kitchen" -> "3:04PM";
      case "DateTime" -> "2006-01-02 15:04:05";
      case "DateOnly" -> "2006-01-02";
      case "TimeOnly" -> "15:04:05";
      default -> layout;
    };
  }
}
