package io.sluice.policies.rego.value;

import java.util.StringJoiner;

/** Rego/JSON text for values; used by sprintf's %v, print and error messages. */
public final class ValueFormat {
  private ValueFormat() {}

  public static String format(Value v) {
    StringBuilder sb = new StringBuilder();
    append(sb, v);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Value v) {
    switch (v) {
      case Value.Null n -> sb.append("null");
      case Value.Bool b -> sb.append(b.value());
      case Value.Num n -> sb.append(NumberFormat.format(n.value()));
      case Value.Str s -> sb.append(quote(s.value()));
      case Value.Arr a -> {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        a.items().forEach(x -> j.add(format(x)));
        sb.append(j);
      }
      case Value.SetV s -> {
        if (s.items().isEmpty()) {
          sb.append("set()");
        } else {
          StringJoiner j = new StringJoiner(", ", "{", "}");
          s.items().forEach(x -> j.add(format(x)));
          sb.append(j);
        }
      }
      case Value.Obj o -> {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < o.size(); i++) {
          j.add(format(o.key(i)) + ": " + format(o.value(i)));
        }
        sb.append(j);
      }
    }
  }

  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
