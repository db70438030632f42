package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.NumberFormat;
import io.sluice.policies.rego.value.Value;
import io.sluice.policies.rego.value.ValueFormat;
import java.math.BigDecimal;
import java.util.List;

/** Go-style fmt verbs for {@code sprintf}: %v %s %d %f %e %g %x %X %o %b %q %t %%, with flags, width, precision. */
final class Sprintf {
  private Sprintf() {}

  static String format(String fmt, List<Value> args) {
    StringBuilder out = new StringBuilder();
    int argi = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int j = i + 1;
      while (j < fmt.length() && "-+# 0".indexOf(fmt.charAt(j)) >= 0) {
        j++;
      }
      // most verbs have no flags: no builder per verb
      String flags = j == i + 1 ? "" : fmt.substring(i + 1, j);
      int width = -1;
      int ws = j;
      while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
        j++;
      }
      if (j > ws) {
        width = Integer.parseInt(fmt.substring(ws, j));
      }
      int prec = -1;
      if (j < fmt.length() && fmt.charAt(j) == '.') {
        j++;
        int ps = j;
        while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
          j++;
        }
        prec = j > ps ? Integer.parseInt(fmt.substring(ps, j)) : 0;
      }
      if (j >= fmt.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = fmt.charAt(j);
      i = j;
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argi >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      String s = verb(verb, args.get(argi++), prec, flags);
      out.append(pad(s, width, flags, verb));
    }
    if (argi < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argi; k < args.size(); k++) {
        out.append(k > argi ? ", " : "").append(plain(args.get(k)));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String pad(String s, int width, String flags, char verb) {
    if (width < 0 || s.length() >= width) {
      return s;
    }
    String fill = " ".repeat(width - s.length());
    if (flags.contains("-")) {
      return s + fill;
    }
    if (flags.contains("0") && "dfeEgGxXob".indexOf(verb) >= 0) {
      boolean neg = s.startsWith("-");
      String digits = neg ? s.substring(1) : s;
      return (neg ? "-" : "") + "0".repeat(width - s.length()) + digits;
    }
    return fill + s;
  }

  static String plain(Value v) {
    return switch (v) {
      case Value.Str s -> s.value();
      case Value.Num n -> NumberFormat.format(n.value());
      default -> ValueFormat.format(v);
    };
  }

  private static String verb(char verb, Value v, int prec, String flags) {
    switch (verb) {
      case 'v', 's' -> {
        String s = plain(v);
        return prec >= 0 && v instanceof Value.Str && s.length() > prec ? s.substring(0, prec) : s;
      }
      case 'q' -> {
        return v instanceof Value.Str s ? ValueFormat.quote(s.value()) : "%!q(" + plain(v) + ")";
      }
      case 't' -> {
        return v instanceof Value.Bool b ? Boolean.toString(b.value()) : "%!t(" + plain(v) + ")";
      }
      case 'd' -> {
        if (v instanceof Value.Num n && n.isInteger()) {
          String s = n.value().toBigInteger().toString();
          return flags.contains("+") && n.value().signum() >= 0 ? "+" + s : s;
        }
        return "%!d(" + typeLabel(v) + ")";
      }
      case 'f', 'F', 'e', 'E', 'g', 'G' -> {
        if (!(v instanceof Value.Num n)) {
          return "%!" + verb + "(" + typeLabel(v) + ")";
        }
        return floating(verb, n.value(), prec);
      }
      case 'x', 'X', 'o', 'b' -> {
        int radix = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
        String s;
        if (v instanceof Value.Num n && n.isInteger()) {
          s = n.value().toBigInteger().toString(radix);
        } else if (v instanceof Value.Str str && radix == 16) {
          StringBuilder sb = new StringBuilder();
          for (byte b : str.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
          }
          s = sb.toString();
        } else {
          return "%!" + verb + "(" + typeLabel(v) + ")";
        }
        return verb == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
      }
      default -> {
        return "%!" + verb + "(" + typeLabel(v) + ")";
      }
    }
  }

  private static String typeLabel(Value v) {
    return switch (v) {
      case Value.Str s -> "string=" + s.value();
      case Value.Num n -> (n.isInteger() ? "big.Int=" : "big.Float=") + plain(v);
      case Value.Bool b -> "bool=" + b.value();
      default -> plain(v);
    };
  }

  private static String floating(char verb, BigDecimal d, int prec) {
    switch (verb) {
      case 'f', 'F' -> {
        return d.setScale(prec < 0 ? 6 : prec, java.math.RoundingMode.HALF_EVEN).toPlainString();
      }
      case 'e', 'E' -> {
        String s = String.format("%." + (prec < 0 ? 6 : prec) + "e", d);
        s = s.replaceAll("e([+-])(\\d)$", "e$10$2");
        return verb == 'E' ? s.toUpperCase(java.util.Locale.ROOT) : s;
      }
      default -> {
        if (prec < 0) {
          BigDecimal s = d.stripTrailingZeros();
          if (s.scale() <= 0 && s.precision() - s.scale() < 21) {
            return s.toBigInteger().toString();
          }
          double dv = d.doubleValue();
          String r = Double.toString(dv);
          if (r.contains("E")) {
            return r.replace("E", "e+").replace("e+-", "e-");
          }
          return r.endsWith(".0") ? r.substring(0, r.length() - 2) : r;
        }
        return new BigDecimal(d.toString()).round(new java.math.MathContext(Math.max(prec, 1))).stripTrailingZeros()
            .toPlainString();
      }
    }
  }

}
